import Foundation

/// Agents' working sessions.
public protocol AgentSessionStore: Sendable {
    func createAgentSession(_ session: AgentSession) async throws
    func agentSession(_ id: AgentSessionID) async throws -> AgentSession?
    /// The agent's sessions that have not ended, oldest first.
    func openAgentSessions(of agent: AgentID) async throws -> [AgentSession]
    /// Ends the session; false when it was unknown or had already ended.
    func endAgentSession(_ id: AgentSessionID, at date: Date) async throws -> Bool
    /// Deletes the sessions that ended before `date`; answers how many.
    func purgeAgentSessions(endedBefore date: Date) async throws -> Int
}
