import Foundation

/// Opens, checks and ends agents' working sessions. Sessions belong to one agent: another
/// agent's session, or one that has ended, looks as if it did not exist.
public struct AgentSessionService: Sendable {
    /// Opening a session beyond this many ends the agent's oldest one, so clients that
    /// never say goodbye cannot pile sessions up.
    public static let maxOpenPerAgent = 10

    private let store: any AgentSessionStore
    private let routing: RoutingService
    private let now: @Sendable () -> Date

    public init(store: any AgentSessionStore, routing: RoutingService, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.routing = routing
        self.now = now
    }

    public func open(for principal: Principal) async throws -> AgentSession {
        let agent = try Self.agent(of: principal)
        let open = try await store.openAgentSessions(of: agent.id)
        for stale in open.prefix(max(0, open.count - Self.maxOpenPerAgent + 1)) {
            _ = try await store.endAgentSession(stale.id, at: now())
        }
        let session = AgentSession(id: AgentSessionID(IdentifierGenerator.hex(byteCount: 12)), agentID: agent.id, createdAt: now())
        try await store.createAgentSession(session)
        return session
    }

    /// The caller's open session with this id.
    public func session(_ id: AgentSessionID, for principal: Principal) async throws -> AgentSession {
        let agent = try Self.agent(of: principal)
        guard let session = try await store.agentSession(id), session.agentID == agent.id, session.endedAt == nil else {
            throw ChatError.agentSessionNotFound(id)
        }
        return session
    }

    /// Ends the caller's session. When it was the agent's last one, the agent goes offline:
    /// its pending offers return to the queue, and the chats it serves stay with it.
    public func end(_ id: AgentSessionID, for principal: Principal) async throws {
        let session = try await session(id, for: principal)
        guard try await store.endAgentSession(session.id, at: now()) else { throw ChatError.agentSessionNotFound(id) }
        if try await store.openAgentSessions(of: session.agentID).isEmpty {
            _ = try await routing.setStatus(.offline, of: session.agentID, by: .principal(principal))
        }
    }

    /// Deletes agent sessions that ended more than a week ago.
    public func purgeEnded() async throws -> Int {
        try await store.purgeAgentSessions(endedBefore: now().adding(.seconds(-7 * 86_400)))
    }

    private static func agent(of principal: Principal) throws -> Agent {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents open agent sessions.") }
        return agent
    }
}
