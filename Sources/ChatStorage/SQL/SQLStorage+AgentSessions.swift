import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func createAgentSession(_ session: AgentSession) async throws {
        try await backend.write { db in
            try await db.raw("""
                INSERT INTO agent_sessions (id, agent_id, created_at)
                VALUES (\(bind: session.id.rawValue), \(bind: session.agentID.rawValue), \(bind: session.createdAt.millisecondsSince1970))
                """).run()
        }
    }

    public func agentSession(_ id: AgentSessionID) async throws -> AgentSession? {
        guard StoredKey.canExist(id.rawValue) else { return nil }
        return try await backend.read { db in
            try await db.raw("SELECT * FROM agent_sessions WHERE id = \(bind: id.rawValue)").first().map(Rows.agentSession)
        }
    }

    public func openAgentSessions(of agent: AgentID) async throws -> [AgentSession] {
        try await backend.read { db in
            try await db.raw("""
                SELECT * FROM agent_sessions WHERE agent_id = \(bind: agent.rawValue) AND ended_at IS NULL ORDER BY created_at, id
                """).all().map(Rows.agentSession)
        }
    }

    public func purgeAgentSessions(endedBefore date: Date) async throws -> Int {
        try await backend.write { db in
            try await db.raw("""
                DELETE FROM agent_sessions WHERE ended_at < \(bind: date.millisecondsSince1970) RETURNING id
                """).all().count
        }
    }

    public func endAgentSession(_ id: AgentSessionID, at date: Date) async throws -> Bool {
        guard StoredKey.canExist(id.rawValue) else { return false }
        return try await backend.write { db in
            try await db.raw("""
                UPDATE agent_sessions SET ended_at = \(bind: date.millisecondsSince1970)
                WHERE id = \(bind: id.rawValue) AND ended_at IS NULL RETURNING id
                """).first() != nil
        }
    }
}
