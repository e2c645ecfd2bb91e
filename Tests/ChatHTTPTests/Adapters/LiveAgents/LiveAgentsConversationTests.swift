import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// A whole conversation: a RapidPro flow hands its contact over, the contact and an agent talk,
/// and the agent's lines (and a desk's, through Rocket.Chat's webhook) reach the contact
/// through a RapidPro that fails its first try.
@Suite("Live Agents: a conversation through RapidPro", .timeLimit(.minutes(3)))
struct LiveAgentsConversationTests {
    @Test(arguments: TestBackend.available)
    func channelToAgentToChannel(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { rapidPro in
            rapidPro.answer([.init(status: 500)])
            try await TestWorld.run(backend, configure: { config in
                TestWorld.fastOutbound(&config)
                config.liveAgentsToken = TestWorld.liveAgentsToken
                config.outbound.rapidPro.server = .init(baseURL: rapidPro.url, token: "rapidpro-api-token")
            }) { world in
                let admin = try await world.adminToken()
                let department = try await world.createDepartment("GTM_FP", admin: admin)
                let agent = try await world.agentToken("ann@example.com", departments: [department.id], admin: admin)
                let uuid = "0b8e5c2e-6e2f-4b43-9d3b-8d1c1d3c7a10"
                try world.expectEnvelope(
                    try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: uuid, department: "GTM_FP")), .ok
                )
                try world.expectEnvelope(
                    try await world.liveAgents(.post, "sendMessageToAgent", TestWorld.clientMessage(uuid: uuid, text: "Hola, necesito ayuda")), .ok
                )
                let chat = try #require(try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: agent).items.first)
                _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat.id)/join", token: agent)
                _ = try await world.send("¿En qué le puedo ayudar?", to: chat.id, token: agent)
                _ = try await world.expect(.created, Wire.Event.self, .post, "/v1/chats/\(chat.id)/notes", token: agent, json: ["text": "VIP"])

                // The desk answers after the contact read the agent: lines from the two sources are
                // each kept in order, not ordered against each other.
                try await world.waitForDeliveries("the agent's line at RapidPro") { rapidPro.accepted.count >= 1 }
                let desk = #"{"type": "Message", "visitor": {"token": "\#(uuid)", "username": "guest-1"}, "messages": [{"msg": "hola, soy del equipo", "agentId": "a1"}, {"msg": "mi pregunta", "username": "guest-1"}, {"fileUpload": {"publicFilePath": "https://files.example.org/guia.pdf", "type": "file"}, "agentId": "a1"}]}"#
                try world.expectEnvelope(try await world.liveAgents(.post, "sendMessageToClient", desk), .ok)

                try await world.waitForDeliveries("three texts at RapidPro") { rapidPro.accepted.count >= 3 }
                let sent = try rapidPro.accepted.map { try JSONDecoder().decode([String: String].self, from: Data($0.body.utf8)) }
                #expect(sent == [
                    ["contact": uuid, "text": "¿En qué le puedo ayudar?"],
                    ["contact": uuid, "text": "hola, soy del equipo"],
                    ["contact": uuid, "text": "https://files.example.org/guia.pdf"],
                ])
                #expect(rapidPro.received.count == 4, "the first try failed and was made again, once")
                #expect(rapidPro.received.allSatisfy { $0.headers["authorization"] == "Token rapidpro-api-token" })

                try world.expectEnvelope(try await world.liveAgents(.delete, "session/user/\(uuid)"), .ok)
                #expect(try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(chat.id)", token: agent).state == "ended")
            }
        }
    }

    /// A department following a project's calendar sends through the project's own RapidPro.
    @Test(arguments: TestBackend.available)
    func aProjectsChatsGoThroughItsOwnRapidPro(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { server in
            try await StandInReceiver.run { project in
                try await TestWorld.run(backend, configure: { config in
                    TestWorld.fastOutbound(&config)
                    config.liveAgentsToken = TestWorld.liveAgentsToken
                    config.outbound.rapidPro.server = .init(baseURL: server.url, token: "server-token")
                    config.outbound.rapidPro.projects = ["hiv": .init(baseURL: project.url, token: "hiv-token")]
                }) { world in
                    let admin = try await world.adminToken()
                    #expect(try await world.putCalendar("hiv/gt", BusinessHoursAPITests.open, token: admin).status == .created)
                    _ = try await world.expect(
                        .created, Wire.Department.self, .post, "/v1/departments", token: admin, json: ["name": "GTM_HIV", "calendar": "hiv/gt"]
                    )
                    try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-hiv", department: "GTM_HIV"))
                    let chat = try #require(try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin).items.first)
                    _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat.id)/join", token: admin)
                    _ = try await world.send("Hola", to: chat.id, token: admin)
                    try world.expectEnvelope(
                        try await world.liveAgents(
                            .post, "sendMessageToClient", #"{"type": "Message", "visitor": {"token": "c-hiv"}, "messages": [{"msg": "Adiós"}]}"#
                        ),
                        .ok
                    )
                    try await world.waitForDeliveries("both lines at the project's RapidPro") { project.accepted.count >= 2 }
                    #expect(project.accepted.allSatisfy { $0.headers["authorization"] == "Token hiv-token" })
                    #expect(server.received.isEmpty)
                }
            }
        }
    }
}
