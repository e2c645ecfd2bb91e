import Foundation

/// What a renewable login hands out: one access token that stays the same for the session's
/// whole life, and the key that renews or ends the session.
public struct RenewableCredentials: Sendable, Equatable {
    public var session: SessionID
    public var accessToken: String
    /// Renews and ends the session (LivePerson's `csrf`); only its hash is stored.
    public var key: String
    /// How long the session lives without a renewal.
    public var idleLifetime: Duration

    public init(session: SessionID, accessToken: String, key: String, idleLifetime: Duration) {
        self.session = session
        self.accessToken = accessToken
        self.key = key
        self.idleLifetime = idleLifetime
    }
}

/// Renewable sessions, for clients that keep one bearer and renew the session behind it instead
/// of trading refresh tokens (LivePerson's login 1.2). The access token is signed to expire at
/// the session's longest life; the session itself ends earlier when left idle, so a renewal moves
/// only the stored idle deadline and the token's string never changes.
extension AuthService {
    /// Checks an agent's email and password and opens a renewable session.
    public func loginRenewable(email: String, password: String) async throws -> (Agent, RenewableCredentials) {
        let agent = try await agent(email: email, password: password)
        let date = now()
        let key = IdentifierGenerator.hex(byteCount: 32)
        let session = Session(
            id: SessionID(IdentifierGenerator.hex(byteCount: 16)), subject: .agent(agent.id), createdAt: date,
            renewal: SessionRenewal(
                keyHash: tokenHasher.hash(key), idleExpiresAt: date.adding(min(policy.renewableIdleLifetime, policy.renewableMaxLifetime))
            )
        )
        // Whole seconds, as JWT's NumericDate carries them.
        let issuedAt = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let claims = AccessClaims(
            session: session.id, subject: session.subject, issuedAt: issuedAt, expiresAt: issuedAt.adding(policy.renewableMaxLifetime)
        )
        // No refresh token is handed out; the record, unknown to anyone, lets the store purge the
        // session once its longest life is over, as it purges sessions whose refresh tokens expired.
        let record = RefreshTokenRecord(
            tokenHash: tokenHasher.hash(IdentifierGenerator.hex(byteCount: 32)), session: session.id, expiresAt: claims.expiresAt
        )
        try await sessions.createSession(session, refreshToken: record)
        let credentials = RenewableCredentials(
            session: session.id, accessToken: try await codec.sign(claims), key: key, idleLifetime: policy.renewableIdleLifetime
        )
        return (agent, credentials)
    }

    /// Moves the session's idle deadline on by the idle lifetime, never past its longest life,
    /// and answers the new deadline. An unknown key, or a session revoked or already idle past
    /// its deadline, is `invalidSessionKey` and changes nothing.
    @discardableResult
    public func renew(key: String) async throws -> Date {
        let date = now()
        let session = try await liveRenewableSession(key: key, at: date)
        let deadline = min(date.adding(policy.renewableIdleLifetime), session.createdAt.adding(policy.renewableMaxLifetime))
        guard try await sessions.renewSession(session.id, idleExpiresAt: deadline, at: date) else { throw ChatError.invalidSessionKey }
        return deadline
    }

    /// Revokes the renewable session of this key: its access token stops working at once.
    public func logout(key: String) async throws {
        let date = now()
        try await revoke(try await liveRenewableSession(key: key, at: date).id, at: date)
    }

    private func liveRenewableSession(key: String, at date: Date) async throws -> Session {
        guard !key.isEmpty, let session = try await sessions.session(renewalKeyHash: tokenHasher.hash(key)),
              session.revokedAt == nil, let renewal = session.renewal, renewal.idleExpiresAt > date else {
            throw ChatError.invalidSessionKey
        }
        return session
    }
}
