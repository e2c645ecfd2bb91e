import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

extension Wire {
    struct Rating: Codable {
        let score: Int
        let comment: String?
    }

    /// An event as a `rating` reads, with the fields only it has.
    struct RatingEvent: Codable {
        let id: Int
        let type: String
        let author: Author
        let score: Int?
        let comment: String?
        let text: String?
    }

    struct RatingPage: Codable {
        let items: [RatingEvent]
    }

    struct RatingSync: Codable {
        let events: [RatingEvent]
    }
}

/// A served chat: its department, the admin's, the agent's and the visitor's tokens.
struct ServedChat {
    let admin: String
    let department: Int64
    let agent: String
    let visitor: String
    let chat: String
    let visitorID: String

    static func open(in world: TestWorld, message: String = "Hello, I need help") async throws -> ServedChat {
        let admin = try await world.adminToken()
        let sales = try await world.createDepartment("Sales", admin: admin)
        let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
        let started = try await world.startChat(department: sales.id, message: message)
        _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(started.chat.id)/join", token: agent)
        return ServedChat(
            admin: admin, department: sales.id, agent: agent, visitor: started.credentials.accessToken, chat: started.chat.id,
            visitorID: started.visitor.id
        )
    }
}

/// Visitors rate their chats: once, after an agent joined, within a week of the end; the
/// rating is an event of the chat's log that both sides read, and a `chat.rated` webhook.
@Suite("Chat ratings", .timeLimit(.minutes(3)))
struct RatingTests {
    @Test(arguments: TestBackend.available)
    func aChatIsRatedOnceByItsVisitorAfterAnAgentJoined(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let started = try await world.startChat(department: sales.id)
            let (chat, visitor) = (started.chat.id, started.credentials.accessToken)
            let rating = "/v1/chats/\(chat)/rating"
            try await world.expectError(.conflict, code: "not_ratable", .post, rating, token: visitor, json: Wire.Rating(score: 5, comment: nil))

            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: agent)
            let stranger = try await world.startChat(department: sales.id).credentials.accessToken
            for other in [agent, admin, stranger] {
                try await world.expectError(.notFound, code: "chat_not_found", .post, rating, token: other, json: Wire.Rating(score: 5, comment: nil))
            }
            for score in [0, 6, -1] {
                try await world.expectError(.unprocessableContent, code: "invalid_field", field: "score", .post, rating, token: visitor,
                                            json: Wire.Rating(score: score, comment: nil))
            }
            let tooLong = String(repeating: "a", count: 1001)
            let tooLarge = String(repeating: "👍🏽", count: 600)
            for comment in [tooLong, tooLarge] {
                try await world.expectError(.unprocessableContent, code: "message_too_long", field: "comment", .post, rating, token: visitor,
                                            json: Wire.Rating(score: 4, comment: comment))
            }
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "comment", .post, rating, token: visitor,
                                        json: Wire.Rating(score: 4, comment: "fine\u{0}"))

            let event = try await world.expect(.created, Wire.RatingEvent.self, .post, rating, token: visitor,
                                               json: Wire.Rating(score: 4, comment: String(repeating: "😀", count: 1000)))
            #expect(event.type == "rating" && event.score == 4 && event.comment?.count == 1000 && event.author.type == "visitor")
            try await world.expectError(.conflict, code: "already_rated", .post, rating, token: visitor, json: Wire.Rating(score: 1, comment: "Changed my mind"))

            for reader in [visitor, agent] {
                let history = try await world.expect(.ok, Wire.RatingPage.self, .get, "/v1/chats/\(chat)/events?after=-1", token: reader)
                let rated = history.items.filter { $0.type == "rating" }
                #expect(rated.count == 1 && rated.first?.score == 4 && rated.first?.id == event.id)
                let sync = try await world.expect(.ok, Wire.RatingSync.self, .get, "/v1/sync?timeout=0&cursor=0", token: reader)
                #expect(sync.events.filter { $0.type == "rating" }.map(\.score) == [4], "the feed carries the rating")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func anEndedChatMayBeRatedForSevenDaysAfterItsEnd(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let early = try await ServedChat.open(in: world)
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(early.chat)/close", token: early.agent)
            let late = try await world.startChat(department: early.department)
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(late.chat.id)/join", token: early.agent)
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(late.chat.id)/close", token: late.credentials.accessToken)
            // Visitors' tokens would not last a week of the test clock: the service is asked directly.
            func rate(_ chat: String, by visitor: String) async throws {
                let principal = Principal(session: SessionID("rating-\(visitor)"), role: .visitor(VisitorID(visitor)))
                _ = try await world.services.chats.rate(score: 3, comment: "Late, but kind", in: ChatID(chat), as: principal)
            }
            world.clock.advance(by: .seconds(6 * 86_400))
            try await rate(early.chat, by: early.visitorID)
            world.clock.advance(by: .seconds(2 * 86_400))
            await #expect(throws: ChatError.notRatable(ChatID(late.chat.id), reason: "it ended more than 7 days ago")) {
                try await rate(late.chat.id, by: late.visitor.id)
            }
            let stored = try #require(try await world.services.storage.chat(ChatID(early.chat)))
            #expect(stored.ratedAt != nil && stored.servedAt != nil && stored.endedAt != nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func aRatingIsSentToWebhooksAsChatRated(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { receiver in
            try await TestWorld.run(backend, configure: WebhookTests.allowingLoopback) { world in
                let served = try await ServedChat.open(in: world)
                _ = try await world.expect(.created, Wire.Webhook.self, .post, "/v1/webhooks", token: served.admin,
                                           json: Wire.NewWebhook(url: receiver.url, events: ["chat.rated"]))
                _ = try await world.expect(.created, Wire.RatingEvent.self, .post, "/v1/chats/\(served.chat)/rating", token: served.visitor,
                                           json: Wire.Rating(score: 5, comment: "Sam was great"))
                try await world.waitForDeliveries("the chat.rated notification") { receiver.accepted.count >= 1 }
                let body = try #require(try JSONSerialization.jsonObject(with: Data(receiver.accepted[0].body.utf8)) as? [String: Any])
                #expect(body["type"] as? String == "chat.rated")
                let data = try #require(body["data"] as? [String: Any])
                let rating = try #require(data["rating"] as? [String: Any])
                #expect(data["chatId"] as? String == served.chat && data["visitorId"] as? String == served.visitorID)
                #expect(rating["score"] as? Int == 5 && rating["comment"] as? String == "Sam was great")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func erasingTheVisitorKeepsTheScoreAndDropsTheComment(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let served = try await ServedChat.open(in: world)
            _ = try await world.expect(.created, Wire.RatingEvent.self, .post, "/v1/chats/\(served.chat)/rating", token: served.visitor,
                                       json: Wire.Rating(score: 2, comment: "My name is Vera Example"))
            let erased = try await world.call(.delete, "/v1/visitors/\(served.visitorID)", token: served.admin)
            #expect(erased.status == .noContent)
            let history = try await world.expect(.ok, Wire.RatingPage.self, .get, "/v1/chats/\(served.chat)/events?after=-1", token: served.admin)
            let rated = history.items.filter { $0.type == "rating" }
            #expect(rated.count == 1 && rated.first?.score == 2 && rated.first?.comment == nil)
        }
    }
}
