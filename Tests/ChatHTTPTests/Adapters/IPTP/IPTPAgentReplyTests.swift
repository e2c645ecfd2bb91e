import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

/// IPTP puts every agent of the department in the room and has no "join": an agent of the
/// department who replies to a waiting chat takes it.
@Suite("IPTP agents reply to waiting chats", .timeLimit(.minutes(2)))
struct IPTPAgentReplyTests {
    static func reply(_ world: TestWorld, _ chat: String, _ agentToken: String, _ body: String) async throws -> TestResponse {
        try await world.client.execute(
            uri: "/xm/api/chats/\(chat)/messages", method: .post,
            headers: [IPTPTestHeaders.agentToken: agentToken, .contentType: "application/json"], body: .init(string: body)
        )
    }

    @Test(arguments: TestBackend.available)
    func anAgentOfTheDepartmentWhoRepliesTakesTheWaitingChat(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            _ = try await world.agentToken("nick@example.com", departments: [live.id], admin: admin)
            let nick = try await world.xmLogin("nick@example.com")
            let nickID = try await world.login("nick@example.com").agent.id
            let chat = try #require(try await world.createGuest(department: live.id)["chatId"]?.string)

            let refused = try await Self.reply(world, chat, nick, #"{"text": "   "}"#)
            #expect(refused.status == .unprocessableContent, "\(String(buffer: refused.body))")
            #expect(try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(chat)", token: admin).state == "queued",
                    "a refused reply leaves the chat waiting")

            let sent = try await Self.reply(world, chat, nick, #"{"text": "Hello, Nick here.", "clientId": "n-1"}"#)
            #expect(sent.status == .created, "\(String(buffer: sent.body))")
            let taken = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(chat)", token: admin)
            #expect(taken.state == "active" && taken.agentId == nickID)
            let log = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events", token: admin)
            #expect(log.items.suffix(3).map(\.type) == ["state", "joined", "message"], "joined, then the reply")
            let retry = try await Self.reply(world, chat, nick, #"{"text": "Hello, Nick here.", "clientId": "n-1"}"#)
            #expect(retry.status == .ok, "a retry finds the stored reply")
        }
    }

    @Test(arguments: TestBackend.available)
    func agentsOutsideTheDepartmentAndColleaguesOfATakenChatAreStillRefused(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let billing = try await world.createDepartment("Billing", admin: admin)
            _ = try await world.agentToken("nick@example.com", departments: [live.id], admin: admin)
            _ = try await world.agentToken("ona@example.com", departments: [live.id], admin: admin)
            _ = try await world.agentToken("bea@example.com", departments: [billing.id], admin: admin)
            let chat = try #require(try await world.createGuest(department: live.id)["chatId"]?.string)

            try await Self.reply(world, chat, try await world.xmLogin("bea@example.com"), #"{"text": "Hi"}"#)
                .expectError(.iptp(path: "/xm/api/chats/\(chat)/messages"), .notFound, code: "chat_not_found")
            #expect(try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(chat)", token: admin).state == "queued")

            let first = try await Self.reply(world, chat, try await world.xmLogin("nick@example.com"), #"{"text": "Mine"}"#)
            #expect(first.status == .created)
            try await Self.reply(world, chat, try await world.xmLogin("ona@example.com"), #"{"text": "Also mine?"}"#)
                .expectError(.iptp(path: "/xm/api/chats/\(chat)/messages"), .forbidden, code: "not_chat_agent")
        }
    }
}
