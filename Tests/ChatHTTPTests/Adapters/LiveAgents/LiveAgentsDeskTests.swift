import ChatCore
import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// Rocket.Chat's Omnichannel webhook at `sendMessageToClient`, for agents working in that desk.
@Suite("Live Agents: a desk outside Parley", .timeLimit(.minutes(2)))
struct LiveAgentsDeskTests {
    static func webhook(_ type: String, token: String, messages: String = "[]", agent: String = "null") -> String {
        #"{"_id": "room-1", "type": "\#(type)", "visitor": {"_id": "v1", "token": "\#(token)", "username": "guest-7"}, "agent": \#(agent), "messages": \#(messages)}"#
    }

    @Test(arguments: TestBackend.available)
    func takenAndClosedInTheDeskShowInTheChat(_ backend: TestBackend) async throws {
        try await TestWorld.runLiveAgents(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.createDepartment("GTM_FP", admin: admin)
            try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-9", department: "GTM_FP"))
            let rocketChat: HTTPFields = [HTTPField.Name("X-RocketChat-Livechat-Token")!: TestWorld.liveAgentsToken]

            try world.expectEnvelope(
                try await world.liveAgents(
                    .post, "sendMessageToClient", Self.webhook("LivechatSessionTaken", token: "c-9", agent: #"{"_id": "a1", "username": "maria", "name": "María"}"#),
                    headers: rocketChat
                ),
                .ok
            )
            try world.expectEnvelope(try await world.liveAgents(.post, "sendMessageToClient", Self.webhook("LeadCapture", token: "c-9")), .ok)
            try world.expectEnvelope(try await world.liveAgents(.post, "sendMessageToClient", Self.webhook("LivechatSession", token: "c-9")), .ok)

            let chat = try #require(try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin).items.first)
            #expect(chat.state == "ended")
            let events = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat.id)/events", token: admin).items
            #expect(events.map(\.type) == ["state", "note", "state"])
            #expect(events[1].text == "Taken by María in an external desk.")
        }
    }

    @Test(arguments: TestBackend.available)
    func aMessageNeedsATextOrAFileAndARegisteredContact(_ backend: TestBackend) async throws {
        try await TestWorld.runLiveAgents(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.createDepartment("GTM_FP", admin: admin)
            try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-10", department: "GTM_FP"))
            try world.expectEnvelope(
                try await world.liveAgents(.post, "sendMessageToClient", Self.webhook("Message", token: "c-10", messages: #"[{"_id": "m1"}]"#)),
                .badRequest
            )
            try world.expectEnvelope(try await world.liveAgents(.post, "sendMessageToClient", Self.webhook("Message", token: "c-10")), .badRequest)
            try world.expectEnvelope(
                try await world.liveAgents(.post, "sendMessageToClient", Self.webhook("Message", token: "nobody", messages: #"[{"msg": "Hi"}]"#)),
                .notFound
            )
            try world.expectEnvelope(
                try await world.liveAgents(
                    .post, "sendMessageToClient", Self.webhook("Message", token: "c-10", messages: #"[{"msg": "Hi"}]"#),
                    headers: [HTTPField.Name("X-RocketChat-Livechat-Token")!: "wrong-wrong-wrong-wrong"]
                ),
                .unauthorized
            )
            try world.expectEnvelope(try await world.liveAgents(.post, "sendMessageToClient", #"{"type": "Message"}"#), .badRequest)
        }
    }
}
