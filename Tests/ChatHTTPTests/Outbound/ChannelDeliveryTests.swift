import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// Agents' lines in a channel chat reach the contact through RapidPro, in order, whatever the
/// receiver does to the first tries; notes and the contact's own lines never go there.
@Suite("Channel delivery", .timeLimit(.minutes(3)))
struct ChannelDeliveryTests {
    @Test(arguments: TestBackend.available)
    func agentLinesReachTheContactInOrderAfterAFailureAndNotesNever(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { rapidPro in
            rapidPro.answer([.init(status: 503), .init(status: 302, headers: ["Location": "http://example.com/"])])
            try await TestWorld.run(backend, configure: { config in
                TestWorld.fastOutbound(&config)
                config.outbound.rapidPro.server = .init(baseURL: rapidPro.url + "/", token: "rp-token-123")
            }) { world in
                let admin = try await world.adminToken()
                let sales = try await world.createDepartment("Sales", admin: admin)
                let agent = try await world.agentToken("ann@example.com", departments: [sales.id], admin: admin)
                let chat = try await world.channelChat(department: sales.id, contact: "contact-1")
                _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: agent)
                _ = try await world.send("First line", to: chat.rawValue, token: agent)
                _ = try await world.expect(.created, Wire.Event.self, .post, "/v1/chats/\(chat)/notes", token: agent, json: ["text": "internal only"])
                let long = String(repeating: "lorem ", count: 120)
                _ = try await world.send(long, to: chat.rawValue, token: agent)

                try await world.waitForDeliveries("three texts delivered") { rapidPro.accepted.count >= 3 }
                let texts = try rapidPro.accepted.map { try JSONDecoder().decode([String: String].self, from: Data($0.body.utf8)) }
                let cut = ChannelText.chunks(long)
                #expect(cut.count == 2)
                #expect(texts == [["contact": "contact-1", "text": "First line"]] + cut.map { ["contact": "contact-1", "text": $0] })
                #expect(rapidPro.received.count == 5, "a 503 and a redirect were tried again, nothing else")
                #expect(rapidPro.received.allSatisfy { $0.path == "/api/v2/messages.json" && $0.headers["authorization"] == "Token rp-token-123" })
                #expect(!rapidPro.received.contains { $0.body.contains("internal only") || $0.body.contains("Hello from Messenger") })
                try await waitUntil("the outbox emptied") { try await world.services.storage.pendingDeliveries(limit: 10).isEmpty }
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aRelayedTextGoesInTheContactsLaneAndARejectedOneIsADeadLetterAdminsReplay(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { rapidPro in
            rapidPro.answer([.init(status: 400)])
            try await TestWorld.run(backend, configure: { config in
                TestWorld.fastOutbound(&config)
                config.outbound.rapidPro.server = .init(baseURL: rapidPro.url, token: "rp-token")
            }) { world in
                let admin = try await world.adminToken()
                let contact = ChannelContact(uuid: "contact-2", visitorID: VisitorID("v-2"), urn: nil, mongoID: nil, registeredAt: world.clock.now)
                try await world.services.outbox.relay(texts: ["https://files.example.com/a.png"], to: contact)
                try await world.waitForDeliveries("a dead letter") {
                    try await !world.services.storage.deadLetters(limit: 10).isEmpty
                }
                let dead = try await world.expect(.ok, Wire.List<Wire.DeadLetter>.self, .get, "/v1/dead-letters", token: admin).items
                #expect(dead.count == 1)
                #expect(dead.first?.destination == "channel" && dead.first?.reason == "the receiver answered 400" && dead.first?.attempts == 1)
                #expect(dead.first?.payload.contains("a.png") == true)
                #expect(!(dead.first?.payload.contains("rp-token") ?? true))

                let response = try await world.call(.post, "/v1/dead-letters/\(dead[0].id)/replay", token: admin)
                #expect(response.status == .noContent)
                try await world.waitForDeliveries("the replay delivered") { rapidPro.accepted.count == 1 }
                #expect(rapidPro.accepted.first?.body == #"{"contact":"contact-2","text":"https://files.example.com/a.png"}"#)
                try await world.expectError(.notFound, code: "dead_letter_not_found", .post, "/v1/dead-letters/\(dead[0].id)/replay", token: admin)
                try await world.expectError(.notFound, code: "dead_letter_not_found", .delete, "/v1/dead-letters/\(dead[0].id)", token: admin)
                try await world.expectError(.unprocessableContent, code: "invalid_field", field: "limit", .get, "/v1/dead-letters?limit=0", token: admin)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func withoutARapidProInstallationAChannelTextIsADeadLetterSayingSo(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: TestWorld.fastOutbound) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("ann@example.com", departments: [sales.id], admin: admin)
            let chat = try await world.channelChat(department: sales.id, contact: "contact-3")
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: agent)
            _ = try await world.send("Anyone there?", to: chat.rawValue, token: agent)
            try await world.waitForDeliveries("a dead letter") { try await !world.services.storage.deadLetters(limit: 10).isEmpty }
            let dead = try await world.expect(.ok, Wire.List<Wire.DeadLetter>.self, .get, "/v1/dead-letters", token: admin).items
            #expect(dead.map(\.reason) == ["no RapidPro URL is configured (PARLEY_RAPIDPRO_URL)"])
            let ann = try await world.call(.get, "/v1/dead-letters", token: agent)
            #expect(ann.status == .forbidden, "dead letters are for admins")
            #expect(try await world.call(.delete, "/v1/dead-letters/\(dead[0].id)", token: admin).status == .noContent)
        }
    }
}
