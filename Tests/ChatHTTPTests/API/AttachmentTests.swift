import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import NIOCore
import ParleyTestSupport
import Testing

/// Files in chats: posted by either side as a multipart form, read back with the bearer of
/// someone who may see the chat, refused whole when too large or not what they claim.
@Suite("Attachments", .timeLimit(.minutes(3)))
struct AttachmentTests {
    struct Stage {
        let admin: String
        let agent: String
        let visitor: String
        let chat: String
        let department: Int64
    }

    /// A chat in Sales, joined by its agent.
    static func stage(_ world: TestWorld) async throws -> Stage {
        let admin = try await world.adminToken()
        let sales = try await world.createDepartment("Sales", admin: admin)
        let agent = try await world.agentToken("ann@example.com", departments: [sales.id], admin: admin)
        let started = try await world.startChat(department: sales.id)
        _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(started.chat.id)/join", token: agent)
        return Stage(admin: admin, agent: agent, visitor: started.credentials.accessToken, chat: started.chat.id, department: sales.id)
    }

    static func fileEvents(_ world: TestWorld, chat: String, token: String) async throws -> [Wire.FileEvent] {
        try await world.expect(.ok, Wire.FilePage.self, .get, "/v1/chats/\(chat)/events", token: token).items.filter { $0.type == "attachment" }
    }

    @Test(arguments: TestBackend.available)
    func bothSidesPostAndReadFilesAndNobodyElseSeesThem(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await Self.stage(world)
            let posted = try await world.attach(Fixture.png, filename: "../../etc/ré\u{0007}sumé.PNG", type: "image/png", to: stage.chat, token: stage.visitor)
            let attachment = try #require(posted.attachment)
            #expect(posted.type == "attachment" && posted.author.type == "visitor")
            #expect(attachment.name == "résumé.PNG" && attachment.contentType == "image/png" && attachment.size == Fixture.png.count)

            for token in [stage.visitor, stage.agent, stage.admin] {
                let read = try await world.call(.get, "/v1/attachments/\(attachment.id)", token: token)
                #expect(read.status == .ok)
                #expect(Data(buffer: read.body) == Fixture.png)
                #expect(read.headers[.contentType] == "image/png" && read.headers[.contentLength] == String(Fixture.png.count))
                #expect(read.headers[.xContentTypeOptions] == "nosniff")
                #expect(read.headers[.contentSecurityPolicy] == "sandbox; default-src 'none'")
                #expect(read.headers[.contentDisposition] == "inline; filename*=UTF-8''r%C3%A9sum%C3%A9.PNG")
                #expect(read.headers[.cacheControl]?.hasPrefix("private, max-age=") == true)
            }
            let document = try #require(try await world.attach(Fixture.pdf, filename: "terms.pdf", type: "application/pdf", to: stage.chat, token: stage.agent).attachment)
            let read = try await world.call(.get, "/v1/attachments/\(document.id)", token: stage.visitor)
            #expect(read.headers[.contentDisposition] == "attachment; filename*=UTF-8''terms.pdf")
            #expect(try await Self.fileEvents(world, chat: stage.chat, token: stage.visitor).compactMap(\.attachment) == [attachment, document])

            // Another visitor, an agent of another department and a caller without a bearer see nothing.
            let stranger = try await world.startChat(department: stage.department).credentials.accessToken
            let support = try await world.createDepartment("Support", admin: stage.admin)
            let bob = try await world.agentToken("bob@example.com", departments: [support.id], admin: stage.admin)
            for token in [stranger, bob] {
                try await world.expectError(.notFound, code: "attachment_not_found", .get, "/v1/attachments/\(attachment.id)", token: token)
                let refused = try await world.upload(TestWorld.form(file: Fixture.png), to: stage.chat, token: token)
                #expect(refused.status == .notFound)
            }
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/attachments/\(attachment.id)")
            try await world.expectError(.notFound, code: "attachment_not_found", .get, "/v1/attachments/no-such-file", token: stage.admin)
        }
    }

    @Test(arguments: TestBackend.available)
    func aFileOverTheLimitIsRefusedWhileReadingAndNothingIsStored(_ backend: TestBackend) async throws {
        // Larger than the general body limit (64 KiB), which attachments do not follow.
        let limit = 100_000
        try await TestWorld.run(backend, configure: { $0.limits.maxAttachmentBytes = limit }) { world in
            let stage = try await Self.stage(world)
            let before = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(stage.chat)/events", token: stage.agent).items
            let justOver = Fixture.png + Data(count: limit - Fixture.png.count + 1)
            let farOver = Fixture.png + Data(count: 2 * limit)
            for file in [justOver, farOver] {
                let response = try await world.upload(TestWorld.form(file: file), to: stage.chat, token: stage.visitor)
                ErrorShape.native().check(response, .contentTooLarge, code: "attachment_too_large")
            }
            let after = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(stage.chat)/events", token: stage.agent).items
            #expect(after == before, "no event")
            #expect(world.attachmentFiles ?? [] == [], "no file")
            let atTheLimit = Fixture.png + Data(count: limit - Fixture.png.count)
            #expect(try await world.attach(atTheLimit, to: stage.chat, token: stage.visitor).attachment?.size == limit)
        }
    }

    @Test(arguments: TestBackend.available)
    func aFileWhoseBytesBelieItsTypeOrATypeNotAllowedIs415(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await Self.stage(world)
            let cases: [(Data, String)] = [
                (Data("<script>alert(1)</script>".utf8), "image/png"),
                (Fixture.pdf, "image/png"),
                (Data("PK\u{3}\u{4}zip".utf8), "application/zip"),
                (Data([0xFF, 0xFE, 0x00, 0xD8]), "text/plain"),
            ]
            for (bytes, type) in cases {
                let response = try await world.upload(TestWorld.form(file: bytes, type: type), to: stage.chat, token: stage.visitor)
                ErrorShape.native().check(response, .unsupportedMediaType, code: "unsupported_media_type")
            }
            #expect(try await Self.fileEvents(world, chat: stage.chat, token: stage.agent).isEmpty)
            #expect(world.attachmentFiles ?? [] == [])
            // A PNG declared as text is stored as what its bytes are.
            let sniffed = try await world.attach(Fixture.png, filename: "notes.txt", type: "text/plain", to: stage.chat, token: stage.visitor)
            #expect(sniffed.attachment?.contentType == "image/png")
        }
    }

    @Test(arguments: TestBackend.available)
    func aFormWithoutItsFileOrNotAFormIs400NamingTheFile(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await Self.stage(world)
            let missing = try await world.upload(TestWorld.form(file: nil, clientMessageId: "c-1"), to: stage.chat, token: stage.visitor)
            ErrorShape.native(field: "file").check(missing, .badRequest, code: "malformed_request")
            let cut = try await world.upload(ByteBuffer(string: "--\(TestWorld.boundary)\r\nContent-Disposition: form-data; name=\"file\""), to: stage.chat, token: stage.visitor)
            ErrorShape.native(field: "file").check(cut, .badRequest, code: "malformed_request")
            try await world.expectError(.badRequest, code: "malformed_request", field: "file", .post, "/v1/chats/\(stage.chat)/attachments",
                                        token: stage.visitor, json: ["file": "not a form"])
            #expect(try await Self.fileEvents(world, chat: stage.chat, token: stage.agent).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func aRetryWithTheSameClientMessageIdStoresTheFileOnce(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await Self.stage(world)
            let first = try await world.attach(Fixture.png, to: stage.chat, token: stage.visitor, clientMessageId: "upload-1")
            let retry = try await world.attach(Fixture.png, to: stage.chat, token: stage.visitor, clientMessageId: "upload-1", status: .ok)
            #expect(retry.id == first.id && retry.attachment == first.attachment && retry.clientMessageId == "upload-1")
            #expect(try await Self.fileEvents(world, chat: stage.chat, token: stage.agent).count == 1)
            if let files = world.attachmentFiles { #expect(files == [first.attachment?.id].compactMap { $0 }) }
        }
    }

    @Test(arguments: TestBackend.available)
    func theFileEventReachesTheOtherSidesSyncAndAnEndedChatRefusesFiles(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await Self.stage(world)
            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: stage.agent)
            let posted = try await world.attach(Fixture.png, to: stage.chat, token: stage.visitor)
            let synced = try await world.expect(.ok, Wire.FileSync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=10", token: stage.agent)
            #expect(synced.events.map(\.id) == [posted.id] && synced.events.first?.attachment == posted.attachment)
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(stage.chat)/close", token: stage.agent)
            let refused = try await world.upload(TestWorld.form(file: Fixture.png), to: stage.chat, token: stage.visitor)
            ErrorShape.native().check(refused, .conflict, code: "chat_ended")
            if let files = world.attachmentFiles { #expect(files.count == 1) }
        }
    }
}
