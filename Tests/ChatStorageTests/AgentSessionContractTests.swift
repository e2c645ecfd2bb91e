import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Agent session storage contract", .timeLimit(.minutes(2)))
struct AgentSessionContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: TestBackend.available)
    func sessionsOpenListOldestFirstAndEndOnce(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let agent = DirectoryContractTests.agent("ann@example.com")
            try await store.createAgent(agent, passwordHash: "x")
            let first = AgentSession(id: AgentSessionID("s1"), agentID: agent.id, createdAt: Self.now)
            let second = AgentSession(id: AgentSessionID("s2"), agentID: agent.id, createdAt: Self.now.addingTimeInterval(1))
            try await store.createAgentSession(second)
            try await store.createAgentSession(first)
            #expect(try await store.openAgentSessions(of: agent.id).map(\.id) == [first.id, second.id])
            #expect(try await store.agentSession(first.id) == first)

            #expect(try await store.endAgentSession(first.id, at: Self.now.addingTimeInterval(5)))
            #expect(try await !store.endAgentSession(first.id, at: Self.now.addingTimeInterval(6)), "a session ends once")
            #expect(try await !store.endAgentSession(AgentSessionID("unknown"), at: Self.now))
            #expect(try await store.agentSession(first.id)?.endedAt == Self.now.addingTimeInterval(5))
            #expect(try await store.openAgentSessions(of: agent.id).map(\.id) == [second.id])
            #expect(try await store.agentSession(AgentSessionID("unknown")) == nil)
        }
    }
}
