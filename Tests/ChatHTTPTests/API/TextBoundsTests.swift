import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

/// Every stored text is bounded in UTF-8 bytes as well as in characters, holds no U+0000,
/// and the same input gets the same answer on both databases.
@Suite("Text bounds in bytes and characters")
struct TextBoundsTests {
    /// 100 characters of 21 bytes each: a letter under ten combining marks.
    static let heavyName = String(repeating: "a" + String(repeating: "\u{301}", count: 10), count: 100)

    static func start(_ world: TestWorld, department: Int64, name: String = "Vera", email: String = "vera@example.com",
                      message: String = "Hello", sourceUrl: String? = nil) async throws -> TestResponse {
        var body: [String: Any] = ["departmentId": department, "name": name, "email": email, "message": message]
        body["sourceUrl"] = sourceUrl
        return try await world.client.execute(
            uri: "/v1/chats", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        )
    }

    static func error(_ response: TestResponse) -> Wire.ErrorEnvelope.Body? {
        try? JSONDecoder().decode(Wire.ErrorEnvelope.self, from: Data(buffer: response.body)).error
    }

    @Test(arguments: TestBackend.available)
    func namesAreBoundInBytesAndRefuseControlsButNotJoiners(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.http.chatStartsPerMinute = 1000 }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin).id
            #expect(Self.heavyName.count == 100 && Self.heavyName.utf8.count == 2100)
            for name in [Self.heavyName, "Ann\u{202E}gpj.exe", "An\u{85}n", "A\u{1}nn", "A\u{0}nn", "Ann\u{2028}Lee", "Ann\u{2067}"] {
                let refused = try await Self.start(world, department: sales, name: name)
                #expect(refused.status == .unprocessableContent && Self.error(refused)?.field == "name", "\(name.debugDescription)")
            }
            for name in ["نیلوفر\u{200C}ها", "👩\u{200D}💻 Ada", "Jo\u{AD}hanna", "Ли Мэй"] {
                let started = try await Self.start(world, department: sales, name: name)
                #expect(started.status == .created, "\(name.debugDescription): \(String(buffer: started.body))")
            }
            try await world.expectError(.unprocessableContent, code: "invalid_field", .post, "/v1/departments", token: admin,
                                        json: ["name": Self.heavyName])
            try await world.expectError(.unprocessableContent, code: "invalid_field", .post, "/v1/away-statuses", token: admin,
                                        json: ["name": String(Self.heavyName.prefix(50))])
            try await world.expectError(.unprocessableContent, code: "invalid_field", .post, "/v1/away-statuses", token: admin,
                                        json: ["name": "Lunch\u{0}"])
            _ = try await world.expect(.created, Wire.List<String>.self, .post, "/v1/away-statuses", token: admin,
                                       json: ["name": "ناهار\u{200C}ها"])
        }
    }

    @Test(arguments: TestBackend.available)
    func nullAndOversizedTextsAreRefusedAlikeOnBothDatabases(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.http.chatStartsPerMinute = 1000 }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin).id
            let nullEmail = try await Self.start(world, department: sales, email: "ve\u{0}ra@example.com")
            #expect(nullEmail.status == .unprocessableContent && Self.error(nullEmail)?.field == "email")
            let wideEmail = try await Self.start(world, department: sales, email: String(repeating: "é", count: 130) + "@example.com")
            #expect(wideEmail.status == .unprocessableContent && Self.error(wideEmail)?.field == "email", "272 bytes in 142 characters")
            let nullMessage = try await Self.start(world, department: sales, message: "Hi\u{0}there")
            #expect(nullMessage.status == .unprocessableContent && Self.error(nullMessage)?.field == "message")
            let wide = String(repeating: "\u{1F44D}\u{1F3FD}", count: 4000)
            let wideMessage = try await Self.start(world, department: sales, message: wide)
            #expect(wideMessage.status == .unprocessableContent, "4000 characters but 32,000 bytes")
            #expect(Self.error(wideMessage)?.code == "message_too_long" && Self.error(wideMessage)?.field == "message")

            let chat = try await world.startChat(department: sales)
            let visitor = chat.credentials.accessToken
            let path = "/v1/chats/\(chat.chat.id)/messages"
            // 100 characters, 2,900 bytes: over PostgreSQL's index row limit.
            let heavyID = String(repeating: "a" + String(repeating: "\u{301}", count: 14), count: 100)
            for id in [heavyID, "id\u{0}1", "id\u{7}2"] {
                let refused = try await world.call(.post, path, token: visitor, json: Wire.Message(text: "hi", clientMessageId: id))
                #expect(refused.status == .unprocessableContent && Self.error(refused)?.field == "clientMessageId", "\(id.utf8.count) bytes")
            }
            try await world.expectError(.unprocessableContent, code: "invalid_field", .post, path, token: visitor,
                                        json: Wire.Message(text: "a\u{0}b", clientMessageId: nil))
            _ = try await world.send("U+FFFF \u{FFFF} and U+FFFE \u{FFFE} are stored as they are", to: chat.chat.id, token: visitor)
            let page = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat.chat.id)/events", token: admin)
            #expect(page.items.count == 3, "nothing refused was stored")
        }
    }

    @Test(arguments: TestBackend.available)
    func profileFieldsAreCleanedAndCutBetweenCharacters(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin).id
            let family = "👨\u{200D}👩\u{200D}👧"
            let started = try await Self.start(world, department: sales, sourceUrl: "https://example.com/\u{0}" + String(repeating: family, count: 300))
            #expect(started.status == .created)
            let id = try #require(try JSONValue(data: Data(buffer: started.body))["chat"]?["id"]?.string)
            let read = try JSONValue(data: Data(buffer: try await world.call(.get, "/v1/chats/\(id)", token: admin).body))
            let stored = try #require(read["visitor"]?["sourceUrl"]?.string)
            let families = (4096 - "https://example.com/".utf8.count) / family.utf8.count
            #expect(stored == "https://example.com/" + String(repeating: family, count: families), "\(stored.utf8.count) bytes")
        }
    }

    @Test(arguments: TestBackend.available)
    func passwordsAreBoundToWhatBcryptReads(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            for password in [String(repeating: "p", count: 73), String(repeating: "é", count: 40), "eight\u{0}chars"] {
                let body = Wire.NewAgent(email: "x@example.com", name: "X", password: password, isAdmin: false, departmentIds: [])
                let refused = try await world.call(.post, "/v1/agents", token: admin, json: body)
                #expect(refused.status == .unprocessableContent && Self.error(refused)?.field == "password", "\(password.utf8.count) bytes")
            }
            let exact = String(repeating: "p", count: 72)
            let body = Wire.NewAgent(email: "ann@example.com", name: "Ann", password: exact, isAdmin: false, departmentIds: [])
            _ = try await world.expect(.created, Wire.Agent.self, .post, "/v1/agents", token: admin, json: body)
            _ = try await world.login("ann@example.com", password: exact)
            // bcrypt ignores what follows the 72nd byte: these would match if they reached it.
            for longer in [exact + "anything", exact + "\u{0}"] {
                try await world.expectError(.unauthorized, code: "invalid_credentials", .post, "/v1/auth/login",
                                            json: ["email": "ann@example.com", "password": longer])
            }
        }
    }
}
