import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func createSession(_ session: Session, refreshToken: RefreshTokenRecord) async throws {
        try await backend.write { db in
            try await Self.insert(NewSession(session: session, refreshToken: refreshToken), in: db)
        }
    }

    public func session(_ id: SessionID) async throws -> Session? {
        try await backend.read { db in
            try await db.raw("SELECT * FROM sessions WHERE id = \(bind: id.rawValue)").first().map(Rows.session)
        }
    }

    public func session(renewalKeyHash: String) async throws -> Session? {
        try await backend.read { db in
            try await db.raw("SELECT * FROM sessions WHERE renewal_key_hash = \(bind: renewalKeyHash)").first().map(Rows.session)
        }
    }

    public func renewSession(_ id: SessionID, idleExpiresAt: Date, at date: Date) async throws -> Bool {
        try await backend.write { db in
            try await db.raw("""
                UPDATE sessions SET idle_expires_at = \(bind: idleExpiresAt.millisecondsSince1970)
                WHERE id = \(bind: id.rawValue) AND revoked_at IS NULL AND idle_expires_at > \(bind: date.millisecondsSince1970)
                RETURNING id
                """).first() != nil
        }
    }

    public func rotateRefreshToken(
        hash: String, successor: String, successorExpiresAt: Date, reuseGrace: Duration, at date: Date
    ) async throws -> RefreshOutcome {
        let kind = backend.kind
        return try await backend.write { db in
            // Locking the token row makes a racing refresh wait, then find the token used.
            let row = try await db.raw("""
                SELECT t.expires_at, t.used_at, s.* FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
                WHERE t.token_hash = \(bind: hash) \(unsafeRaw: kind.lockRows)
                """).first()
            guard let row else { return .invalid }
            let session = try Rows.session(row)
            if let usedAt = try row.decode(column: "used_at", as: Int64?.self) {
                let graceStart = date.adding(.zero - reuseGrace).millisecondsSince1970
                guard usedAt > graceStart, session.revokedAt == nil,
                      try await Self.holds(successor, of: session.id, in: db) else { return .reused(session) }
                return .rotated(session)
            }
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
        guard StoredKey.canExist(scope) else { return nil }
        return try await backend.read { db in
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

    /// Inserts a session and its first refresh token, in the caller's transaction.
    static func insert(_ new: NewSession, in db: any SQLDatabase) async throws {
        let session = new.session
        let (kind, agent, visitor): (String, String?, String?) = switch session.subject {
        case .agent(let id): ("agent", id.rawValue, nil)
        case .visitor(let visitor): ("visitor", nil, visitor.rawValue)
        }
        try await db.raw("""
            INSERT INTO sessions (id, subject_kind, agent_id, visitor_id, created_at, revoked_at, renewal_key_hash, idle_expires_at)
            VALUES (\(bind: session.id.rawValue), \(bind: kind), \(bind: agent), \(bind: visitor),
                    \(bind: session.createdAt.millisecondsSince1970), NULL,
                    \(bind: session.renewal?.keyHash), \(bind: session.renewal?.idleExpiresAt.millisecondsSince1970))
            """).run()
        try await insert(new.refreshToken, in: db)
    }

    /// Whether the session holds a refresh token with this hash (used or not).
    private static func holds(_ tokenHash: String, of session: SessionID, in db: any SQLDatabase) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS found FROM refresh_tokens WHERE token_hash = \(bind: tokenHash) AND session_id = \(bind: session.rawValue)
            """).first() != nil
    }

    private static func insert(_ token: RefreshTokenRecord, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO refresh_tokens (token_hash, session_id, expires_at, used_at)
            VALUES (\(bind: token.tokenHash), \(bind: token.session.rawValue), \(bind: token.expiresAt.millisecondsSince1970), NULL)
            """).run()
    }
}
