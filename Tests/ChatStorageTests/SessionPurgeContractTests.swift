import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Session housekeeping storage contract", .timeLimit(.minutes(2)))
struct SessionPurgeContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: TestBackend.available)
    func spentAndRevokedSessionsArePurgedAndLiveOnesKept(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let agent = DirectoryContractTests.agent("ann@example.com")
            try await store.createAgent(agent, passwordHash: "x")
            let dayAgo = Self.now.addingTimeInterval(-86_400)
            func session(_ id: String, refreshExpires: Date) async throws -> SessionID {
                let session = Session(id: SessionID(id), subject: .agent(agent.id), createdAt: dayAgo)
                try await store.createSession(session, refreshToken: RefreshTokenRecord(tokenHash: "hash-\(id)", session: session.id, expiresAt: refreshExpires))
                return session.id
            }
            let live = try await session("live", refreshExpires: Self.now.addingTimeInterval(3600))
            let spent = try await session("spent", refreshExpires: Self.now.addingTimeInterval(-60))
            let revoked = try await session("revoked", refreshExpires: Self.now.addingTimeInterval(3600))
            try await store.revokeSession(revoked, at: dayAgo)
            let recent = Session(id: SessionID("recent"), subject: .agent(agent.id), createdAt: Self.now.addingTimeInterval(-60))
            try await store.createSession(recent, refreshToken: RefreshTokenRecord(tokenHash: "hash-recent", session: recent.id, expiresAt: Self.now.addingTimeInterval(-1)))

            let purged = try await store.purgeSessions(at: Self.now, createdBefore: Self.now.addingTimeInterval(-3600))
            #expect(purged == 2)
            #expect(try await store.session(live) != nil)
            #expect(try await store.session(spent) == nil, "no refresh token left and older than any access token")
            #expect(try await store.session(revoked) == nil)
            #expect(try await store.session(recent.id) != nil, "its access token may still be valid")

            let ended = AgentSession(id: AgentSessionID("old"), agentID: agent.id, createdAt: dayAgo)
            let open = AgentSession(id: AgentSessionID("open"), agentID: agent.id, createdAt: dayAgo)
            try await store.createAgentSession(ended)
            try await store.createAgentSession(open)
            _ = try await store.endAgentSession(ended.id, at: dayAgo)
            #expect(try await store.purgeAgentSessions(endedBefore: Self.now.addingTimeInterval(-3600)) == 1)
            #expect(try await store.agentSession(ended.id) == nil)
            #expect(try await store.agentSession(open.id) != nil)
        }
    }
}
