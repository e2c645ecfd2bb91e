import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// The native API's edit and delete: `PATCH`/`DELETE /v1/chats/{chatId}/messages/{eventId}`.
@Suite("Editing and deleting messages on the native API", .timeLimit(.minutes(2)))
struct MessageAmendmentAPITests {
    struct Amended: Codable {
        let id: Int
        let type: String
        let text: String?
        let messageId: Int?
        let amendment: String?
        let quotedEventId: Int?
    }

    struct Page: Codable {
        let items: [Amended]
    }

    struct Feed: Codable {
        let events: [Amended]
    }

    @Test(arguments: TestBackend.available)
    func theAuthorEditsAndDeletesAndHistoryShowsTheLatest(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("ann@example.com", departments: [sales.id], admin: admin)
            let started = try await world.startChat(department: sales.id, message: "Helo")
            let chat = started.chat.id
            let visitor = started.credentials.accessToken
            let first = try #require(started.events.last?.id)
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: agent)
            let second = try await world.expect(.created, Amended.self, .post, "/v1/chats/\(chat)/messages", token: visitor, json: ["text": "oops, wrong chat"])

            let edit = try await world.expect(.ok, Amended.self, .patch, "/v1/chats/\(chat)/messages/\(first)", token: visitor, json: ["text": "Hello"])
            #expect(edit.type == "message_edited" && edit.messageId == first && edit.text == "Hello")
            let delete = try await world.expect(.ok, Amended.self, .delete, "/v1/chats/\(chat)/messages/\(second.id)", token: visitor)
            #expect(delete.type == "message_deleted" && delete.messageId == second.id)

            try await world.expectError(.forbidden, code: "forbidden", .patch, "/v1/chats/\(chat)/messages/\(first)", token: agent, json: ["text": "mine"])
            try await world.expectError(.conflict, code: "message_not_amendable", .delete, "/v1/chats/\(chat)/messages/\(second.id)", token: visitor)
            try await world.expectError(.conflict, code: "message_not_amendable", .delete, "/v1/chats/\(chat)/messages/0", token: visitor)
            try await world.expectError(.notFound, code: "message_not_found", .delete, "/v1/chats/\(chat)/messages/99", token: visitor)
            try await world.expectError(.notFound, code: "message_not_found", .delete, "/v1/chats/\(chat)/messages/x", token: visitor)
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "text", .patch, "/v1/chats/\(chat)/messages/\(first)",
                                        token: visitor, json: ["text": "  "])

            for token in [visitor, agent] {
                let history = try await world.expect(.ok, Page.self, .get, "/v1/chats/\(chat)/events", token: token)
                let lines = history.items.filter { $0.type == "message" }
                #expect(lines.map(\.text) == ["Hello", ""])
                #expect(lines.map(\.amendment) == ["edited", "deleted"])
                #expect(!history.items.contains { $0.type.hasPrefix("message_") }, "folded into the lines they change")
            }
            // A message quotes a line; a deleted line, or an event that is no line, is refused.
            struct Quote: Encodable { let text: String; let quotedEventId: Int }
            let quote = try await world.expect(.created, Amended.self, .post, "/v1/chats/\(chat)/messages", token: visitor,
                                               json: Quote(text: "As I said", quotedEventId: first))
            #expect(quote.quotedEventId == first)
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "quotedEventId", .post, "/v1/chats/\(chat)/messages",
                                        token: visitor, json: Quote(text: "That one", quotedEventId: second.id))
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "quotedEventId", .post, "/v1/chats/\(chat)/messages",
                                        token: visitor, json: Quote(text: "That one", quotedEventId: 0))
            try await world.expectError(.notFound, code: "message_not_found", .post, "/v1/chats/\(chat)/messages",
                                        token: visitor, json: Quote(text: "That one", quotedEventId: 99))

            // A reader resuming from before the lines is served them as they read now, then the changes.
            let replay = try await world.expect(.ok, Feed.self, .get, "/v1/sync?cursor=0&timeout=0", token: visitor)
            #expect(replay.events.filter { $0.type == "message" }.map(\.text) == ["Hello", "", "As I said"])
            #expect(replay.events.filter { $0.type.hasPrefix("message_") }.map(\.type) == ["message_edited", "message_deleted"])
            #expect(!replay.events.contains { $0.text == "oops, wrong chat" || $0.text == "Helo" })
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/close", token: visitor)
            try await world.expectError(.conflict, code: "chat_ended", .patch, "/v1/chats/\(chat)/messages/\(first)", token: visitor, json: ["text": "late"])
        }
    }
}
