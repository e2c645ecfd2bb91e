import ParleyTestSupport
import Testing

/// A visitor reads its chat with the serving agent's name, so a widget can say whom it talks to.
@Suite("The serving agent's name", .timeLimit(.minutes(3)))
struct ChatAgentNameTests {
    struct NamedChat: Codable {
        let agentId: String?
        let agentName: String?
    }

    @Test(arguments: TestBackend.available)
    func aVisitorReadsItsAgentsNameOnceAnAgentServesTheChat(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let started = try await world.startChat(department: sales.id)
            let visitor = started.credentials.accessToken
            let path = "/v1/chats/\(started.chat.id)"

            let waiting = try await world.expect(.ok, NamedChat.self, .get, path, token: visitor)
            #expect(waiting.agentId == nil && waiting.agentName == nil)

            let joined = try await world.expect(.ok, Wire.Chat.self, .post, "\(path)/join", token: agent)
            let served = try await world.expect(.ok, NamedChat.self, .get, path, token: visitor)
            #expect(served.agentId == joined.agentId)
            #expect(served.agentName == "Agent sam@example.com")
        }
    }
}
