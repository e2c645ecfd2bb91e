import ChatCore
import ChatHTTP
import Foundation
import ParleyTestSupport
import Testing

/// Erasing a visitor takes the files it posted; erasing its chats too takes every file in them.
@Suite("Attachments and erasure", .timeLimit(.minutes(3)))
struct AttachmentErasureTests {
    @Test(arguments: TestBackend.available)
    func anonymisingTakesTheVisitorsFilesAndKeepsTheAgents(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await AttachmentTests.stage(world)
            let own = try #require(try await world.attach(Fixture.png, to: stage.chat, token: stage.visitor).attachment)
            let agents = try #require(try await world.attach(Fixture.pdf, filename: "offer.pdf", type: "application/pdf", to: stage.chat, token: stage.agent).attachment)
            let visitorID = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(stage.chat)", token: stage.agent).visitorId
            #expect(try await world.call(.delete, "/v1/visitors/\(visitorID)", token: stage.admin).status == .noContent)

            try await world.expectError(.notFound, code: "attachment_not_found", .get, "/v1/attachments/\(own.id)", token: stage.admin)
            #expect(try await world.call(.get, "/v1/attachments/\(agents.id)", token: stage.agent).status == .ok)
            let events = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(stage.chat)/events", token: stage.agent).items
            #expect(events.filter { $0.author.type == "visitor" }.allSatisfy { $0.type == "message" && $0.text == ErasedVisitor.text },
                    "the visitor's file reads as an erased line")
            if let files = world.attachmentFiles { #expect(files == [agents.id]) }
        }
    }

    @Test(arguments: TestBackend.available)
    func deletingTheChatsTakesEveryFileInThem(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.privacy.erasedChats = .delete }) { world in
            let stage = try await AttachmentTests.stage(world)
            let own = try #require(try await world.attach(Fixture.png, to: stage.chat, token: stage.visitor).attachment)
            let agents = try #require(try await world.attach(Fixture.pdf, filename: "offer.pdf", type: "application/pdf", to: stage.chat, token: stage.agent).attachment)
            let visitorID = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(stage.chat)", token: stage.agent).visitorId
            #expect(try await world.call(.delete, "/v1/visitors/\(visitorID)", token: stage.admin).status == .noContent)

            for id in [own.id, agents.id] {
                try await world.expectError(.notFound, code: "attachment_not_found", .get, "/v1/attachments/\(id)", token: stage.admin)
            }
            if let files = world.attachmentFiles { #expect(files.isEmpty) }
        }
    }
}
