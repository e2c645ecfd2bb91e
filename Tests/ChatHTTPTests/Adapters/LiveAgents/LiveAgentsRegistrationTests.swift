import ChatCore
import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// A RapidPro flow hands its contact to a department, and the contact's lines reach the agents.
@Suite("Live Agents: registering contacts and their lines", .timeLimit(.minutes(2)))
struct LiveAgentsRegistrationTests {
    @Test(arguments: TestBackend.available)
    func aRegisteredContactWaitsInItsDepartmentWithItsContextAndResults(_ backend: TestBackend) async throws {
        try await TestWorld.runLiveAgents(backend) { world in
            let admin = try await world.adminToken()
            let department = try await world.createDepartment("GTM_HIV_GENERAL", admin: admin)
            let body = TestWorld.registration(
                uuid: "5d76d86b-3bb9-4d5a-b822-c9d86f5d8e4f", department: "GTM_HIV_GENERAL",
                results: #"{"age": {"value": "34", "category": "Numeric"}, "city": {"value": "Antigua"}}"#,
                extra: #", "recent_conversation": ["bot: How can I help?", "user: I want a person"]"#
            )
            let response = try await world.liveAgents(.post, "registerClient", body)
            #expect(String(buffer: response.body) == #"{"status_code": 200, "status": "success", "msg": "success"}"#)

            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats?departmentId=\(department.id)", token: admin)
            let chat = try #require(chats.items.first)
            #expect(chats.items.count == 1 && chat.state == "queued")
            let visitor = try await world.expect(.ok, JSONValue.self, .get, "/v1/visitors/\(chat.visitorId)", token: admin)
            #expect(visitor["name"]?.string == "Ana López")
            #expect(visitor["fields"]?.array?.map { "\($0["name"]?.string ?? "")=\($0["value"]?.string ?? "")" } == ["age=34", "city=Antigua"])
            let events = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat.id)/events", token: admin).items
            #expect(events.map(\.type) == ["state", "note"])
            #expect(events.last?.text == "Recent conversation:\nbot: How can I help?\nuser: I want a person")

            // Registering again while the chat is open reuses it.
            try world.expectEnvelope(
                try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "5d76d86b-3bb9-4d5a-b822-c9d86f5d8e4f", department: "\(department.id)")),
                .ok, msg: "success"
            )
            #expect(try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin).items.map(\.id) == [chat.id])
        }
    }

    @Test(arguments: TestBackend.available)
    func theContactsLinesReachItsOpenChat(_ backend: TestBackend) async throws {
        try await TestWorld.runLiveAgents(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.createDepartment("GTM_FP", admin: admin)
            try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-1", department: "GTM_FP"))
            try world.expectEnvelope(
                try await world.liveAgents(.post, "sendMessageToAgent", TestWorld.clientMessage(uuid: "c-1", text: "Is anyone there?")),
                .ok, msg: "success"
            )
            let chat = try #require(try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin).items.first)
            let events = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat.id)/events", token: admin).items
            #expect(events.last?.text == "Is anyone there?")
            #expect(events.last?.author == Wire.Author(type: "visitor", id: chat.visitorId))

            try world.expectEnvelope(
                try await world.liveAgents(.post, "sendMessageToAgent", TestWorld.clientMessage(uuid: "unknown", text: "Hi")), .notFound
            )
            try world.expectEnvelope(
                try await world.liveAgents(.post, "sendMessageToAgent", TestWorld.clientMessage(uuid: "c-1", text: " ")), .unprocessableContent
            )
            try world.expectEnvelope(try await world.liveAgents(.post, "sendMessageToAgent", #"{"contact": {"uuid": "c-1"}, "results": {}}"#), .badRequest)
        }
    }

    @Test(arguments: TestBackend.available)
    func refusalsStoreNothing(_ backend: TestBackend) async throws {
        try await TestWorld.runLiveAgents(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.createDepartment("GTM_FP", admin: admin)
            let good = TestWorld.registration(uuid: "c-2", department: "GTM_FP")
            try world.expectEnvelope(try await world.liveAgents(.post, "registerClient", good, headers: [:]), .unauthorized)
            try world.expectEnvelope(
                try await world.liveAgents(.post, "registerClient", good, headers: [.authorization: "Token wrong-secret-0123456789"]), .unauthorized
            )
            try world.expectEnvelope(
                try await world.liveAgents(.post, "registerClient", good, headers: [.authorization: "Bearer \(TestWorld.liveAgentsToken)"]),
                .unauthorized
            )
            try world.expectEnvelope(
                try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-2", department: "NOPE")), .notFound
            )
            try world.expectEnvelope(try await world.liveAgents(.post, "registerClient", #"{"contact": {"name": "x"}, "department": "GTM_FP"}"#), .badRequest)
            try world.expectEnvelope(try await world.liveAgents(.post, "registerClient", "not json"), .badRequest)
            try world.expectEnvelope(
                try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: String(repeating: "u", count: 101), department: "GTM_FP")),
                .unprocessableContent
            )
            let tooMany = (0...20).map { "\"line \($0)\"" }.joined(separator: ",")
            try world.expectEnvelope(
                try await world.liveAgents(
                    .post, "registerClient", TestWorld.registration(uuid: "c-2", department: "GTM_FP", extra: ", \"recent_conversation\": [\(tooMany)]")
                ),
                .unprocessableContent
            )
            #expect(try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin).items.isEmpty)
            #expect(try await world.services.storage.channelContact(uuid: "c-2") == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func withoutASecretTheFaceIsOff(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            try world.expectEnvelope(
                try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-3", department: "x")), .serviceUnavailable
            )
            try world.expectEnvelope(try await world.liveAgents(.delete, "session/user/c-3"), .serviceUnavailable)
        }
    }

    @Test(arguments: TestBackend.available)
    func deletingASessionEndsTheChatOnce(_ backend: TestBackend) async throws {
        try await TestWorld.runLiveAgents(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.createDepartment("GTM_FP", admin: admin)
            try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-4", department: "GTM_FP"))
            try world.expectEnvelope(try await world.liveAgents(.delete, "session/user/c-4"), .ok, msg: "success")
            let chat = try #require(try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin).items.first)
            #expect(chat.state == "ended")
            try world.expectEnvelope(try await world.liveAgents(.delete, "session/user/c-4"), .notFound)
            try world.expectEnvelope(
                try await world.liveAgents(.post, "sendMessageToAgent", TestWorld.clientMessage(uuid: "c-4", text: "Hello?")), .notFound
            )
        }
    }
}
