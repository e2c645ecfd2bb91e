import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func createSession(_ session: Session, refreshToken: RefreshTokenRecord) async throws {
        let (kind, agent, visitor, chat): (String, String?, String?, String?) = switch session.subject {
        case .agent(let id): ("agent", id.rawValue, nil, nil)
        case .visitor(let visitor, let chat): ("visitor", nil, visitor.rawValue, chat.rawValue)
        }
        try await backend.write { db in
            try await db.raw("""
                INSERT INTO sessions (id, subject_kind, agent_id, visitor_id, chat_id, created_at, revoked_at)
                VALUES (\(bind: session.id.rawValue), \(bind: kind), \(bind: agent), \(bind: visitor), \(bind: chat),
                        \(bind: session.createdAt.millisecondsSince1970), NULL)
                """).run()
            try await Self.insert(refreshToken, in: db)
        }
    }

    public func session(_ id: SessionID) async throws -> Session? {
        try await backend.read { db in
            try await db.raw("SELECT * FROM sessions WHERE id = \(bind: id.rawValue)").first().map(Rows.session)
        }
    }

    public func rotateRefreshToken(hash: String, successor: String, successorExpiresAt: Date, at date: Date) async throws -> RefreshOutcome {
        let kind = backend.kind
        return try await backend.write { db in
            let row = try await db.raw("""
                SELECT t.expires_at, t.used_at, s.* FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
                WHERE t.token_hash = \(bind: hash) \(unsafeRaw: kind.lockRows)
                """).first()
            guard let row else { return .invalid }
            let session = try Rows.session(row)
            if try row.decode(column: "used_at", as: Int64?.self) != nil { return .reused(session) }
            let expiresAt = try row.decode(column: "expires_at", as: Int64.self)
            guard session.revokedAt == nil, expiresAt > date.millisecondsSince1970 else { return .invalid }
            try await db.raw("""
                UPDATE refresh_tokens SET used_at = \(bind: date.millisecondsSince1970) WHERE token_hash = \(bind: hash)
                """).run()
            try await Self.insert(RefreshTokenRecord(tokenHash: successor, session: session.id, expiresAt: successorExpiresAt), in: db)
            return .rotated(session)
        }
    }

    public func revokeSession(_ id: SessionID, at date: Date) async throws {
        try await backend.write { db in
            try await db.raw("""
                UPDATE sessions SET revoked_at = \(bind: date.millisecondsSince1970) WHERE id = \(bind: id.rawValue) AND revoked_at IS NULL
                """).run()
        }
    }

    public func revokeSessions(of agent: AgentID, except kept: SessionID?, at date: Date) async throws {
        try await backend.write { db in
            try await db.raw("""
                UPDATE sessions SET revoked_at = \(bind: date.millisecondsSince1970)
                WHERE agent_id = \(bind: agent.rawValue) AND revoked_at IS NULL AND id <> \(bind: kept?.rawValue ?? "")
                """).run()
        }
    }

    public func purgeSessions(at date: Date, createdBefore: Date) async throws -> Int {
        try await backend.write { db in
            try await db.raw("DELETE FROM refresh_tokens WHERE expires_at < \(bind: date.millisecondsSince1970)").run()
            // Feed positions and remaining refresh tokens go with their session (ON DELETE CASCADE).
            return try await db.raw("""
                DELETE FROM sessions WHERE created_at < \(bind: createdBefore.millisecondsSince1970)
                  AND (revoked_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.session_id = sessions.id))
                RETURNING id
                """).all().count
        }
    }

    public func feedPosition(of session: SessionID, scope: String) async throws -> EventCursor? {
        try await backend.read { db in
            try await db.raw("""
                SELECT cursor FROM feed_positions WHERE session_id = \(bind: session.rawValue) AND scope = \(bind: scope)
                """).first().map { EventCursor(try $0.decode(column: "cursor", as: Int64.self)) }
        }
    }

    public func setFeedPosition(_ cursor: EventCursor, of session: SessionID, scope: String) async throws {
        try await backend.write { db in
            try await db.raw("""
                INSERT INTO feed_positions (session_id, scope, cursor) VALUES (\(bind: session.rawValue), \(bind: scope), \(bind: cursor.rawValue))
                ON CONFLICT (session_id, scope) DO UPDATE SET cursor = excluded.cursor
                """).run()
        }
    }

    private static func insert(_ token: RefreshTokenRecord, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO refresh_tokens (token_hash, session_id, expires_at, used_at)
            VALUES (\(bind: token.tokenHash), \(bind: token.session.rawValue), \(bind: token.expiresAt.millisecondsSince1970), NULL)
            """).run()
    }
}
