import Foundation

/// Logins, sessions and tokens. Access tokens are short-lived and name their session, so
/// logout takes effect at once; refresh tokens are single-use and rotate.
public struct AuthService: Sendable {
    let directory: any DirectoryStore
    let sessions: any SessionStore
    let passwords: any PasswordHasher
    let codec: any AccessTokenCodec
    let tokenHasher: any TokenHasher
    let policy: TokenPolicy
    /// Tells open feeds that a session they serve was revoked.
    private let bus: any EventBus
    let now: @Sendable () -> Date

    public init(
        directory: any DirectoryStore, sessions: any SessionStore, passwords: any PasswordHasher,
        codec: any AccessTokenCodec, tokenHasher: any TokenHasher, policy: TokenPolicy, bus: any EventBus,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.directory = directory
        self.sessions = sessions
        self.passwords = passwords
        self.codec = codec
        self.tokenHasher = tokenHasher
        self.policy = policy
        self.bus = bus
        self.now = now
    }

    /// Checks an agent's email and password and opens a session.
    public func login(email: String, password: String) async throws -> (Agent, IssuedCredentials) {
        let agent = try await agent(email: email, password: password)
        return (agent, try await openSession(for: .agent(agent.id)))
    }

    /// The agent with this email and password, or `invalidCredentials`.
    func agent(email: String, password: String) async throws -> Agent {
        let found = try await directory.agentCredentials(email: email.trimmingCharacters(in: .whitespaces).lowercased())
        // Check a password even for an unknown email, so response times do not reveal which emails exist.
        let hash = found?.passwordHash ?? passwords.decoyHash
        let matches = try await passwords.verify(password, against: hash)
        guard let agent = found?.agent, matches else { throw ChatError.invalidCredentials }
        return agent
    }

    /// The session a new visitor's token will be bound to, with its credentials, for the caller
    /// to store in the same transaction as the visitor (the credentials work once it is stored).
    public func prepareVisitorSession(visitor: VisitorID) async throws -> (NewSession, IssuedCredentials) {
        try await prepareSession(for: .visitor(visitor))
    }

    /// The most bytes a client's `secret` may hold.
    public static let maxRefreshSecretBytes = 128

    /// Trades a refresh token for new credentials. A token works once: presenting a used
    /// token again revokes its whole session, unless it comes within the reuse grace (two
    /// requests of one client racing), which answers the same successor again. A client that
    /// names itself with a `secret` (one per client instance) binds that grace to itself: the
    /// successor derives from the token and the secret, so only the same instance re-asking is
    /// given it again, and any other presenter of the spent token is refused as `.alreadyUsed`.
    public func refresh(_ refreshToken: String, secret: String? = nil) async throws -> IssuedCredentials {
        if let secret {
            guard secret.utf8.count <= Self.maxRefreshSecretBytes, !secret.contains("\u{0}") else {
                throw ChatError.invalidField(field: .refreshSecret, reason: "must be at most \(Self.maxRefreshSecretBytes) bytes, without NUL")
            }
        }
        // Derived, not random, so that a racing second refresh can be given the same successor.
        // NUL cannot occur in a secret, so no token and secret pair derives another pair's successor.
        let successor = tokenHasher.successor(of: secret.map { "\(refreshToken)\u{0}\($0)" } ?? refreshToken)
        let date = now()
        let outcome = try await sessions.rotateRefreshToken(
            hash: tokenHasher.hash(refreshToken),
            successor: tokenHasher.hash(successor),
            successorExpiresAt: date.adding(policy.refreshTokenLifetime),
            reuseGrace: policy.refreshReuseGrace,
            at: date
        )
        switch outcome {
        case .rotated(let session):
            return try await credentials(for: session, refreshToken: successor, at: date)
        case .reused(let session):
            try await revoke(session.id, at: date)
            throw ChatError.invalidRefreshToken(.alreadyUsed)
        case .invalid:
            throw ChatError.invalidRefreshToken(.notFound)
        }
    }

    /// Revokes the principal's session: its access and refresh tokens stop working.
    public func logout(_ principal: Principal) async throws {
        try await revoke(principal.session, at: now())
    }

    /// Revokes every session of the agent but `kept` (the caller's own, when it changes its
    /// own password), and closes the feeds they hold open.
    public func revokeSessions(of agent: AgentID, except kept: SessionID?) async throws {
        try await sessions.revokeSessions(of: agent, except: kept, at: now())
        await bus.publish(.access(.agentSessionsRevoked(agent, except: kept)))
    }

    /// Whether `password` is the agent's current password.
    public func isCurrentPassword(_ password: String, of agent: AgentID) async throws -> Bool {
        guard let email = try await directory.agent(agent)?.email,
              let hash = try await directory.agentCredentials(email: email)?.passwordHash else { return false }
        return try await passwords.verify(password, against: hash)
    }

    func revoke(_ session: SessionID, at date: Date) async throws {
        try await sessions.revokeSession(session, at: date)
        await bus.publish(.access(.sessionRevoked(session)))
    }

    /// Resolves an access token to the principal it speaks for.
    public func authenticate(_ accessToken: String) async throws -> Principal {
        try await authenticateUntilExpiry(accessToken).principal
    }

    /// Resolves an access token to its principal and the moment the token stops being valid,
    /// for connections that outlive a request.
    public func authenticateUntilExpiry(_ accessToken: String) async throws -> (principal: Principal, expiresAt: Date) {
        let claims = try await codec.verify(accessToken)
        guard claims.expiresAt > now(), let session = try await activeSession(claims.session), session.subject == claims.subject else {
            throw ChatError.unauthenticated
        }
        switch session.subject {
        case .agent(let id):
            guard let agent = try await directory.agent(id) else { throw ChatError.unauthenticated }
            return (Principal(session: session.id, role: .agent(agent)), claims.expiresAt)
        case .visitor(let visitor):
            return (Principal(session: session.id, role: .visitor(visitor)), claims.expiresAt)
        }
    }

    /// Deletes the sessions no token can open any more (revoked, or with every refresh token
    /// expired), so that clients that never log out do not fill the database.
    public func purgeExpiredSessions() async throws -> Int {
        let date = now()
        let longestAccess = max(policy.accessTokenLifetime, policy.visitorAccessTokenLifetime)
        return try await sessions.purgeSessions(at: date, createdBefore: date.adding(.zero - longestAccess))
    }

    /// The visitor a session speaks for, while it stands: for links that name a visitor's session
    /// and are signed by the server (LivePerson's chat URIs), which carry no access token.
    public func visitorPrincipal(ofSession id: SessionID) async throws -> Principal {
        guard let session = try await activeSession(id), case .visitor(let visitor) = session.subject else {
            throw ChatError.unauthenticated
        }
        return Principal(session: session.id, role: .visitor(visitor))
    }

    /// Whether the session still stands (it was not revoked by a logout or a reused refresh token).
    public func isActive(_ session: SessionID) async throws -> Bool {
        try await activeSession(session) != nil
    }

    /// The session, unless it was revoked or, being renewable, was left idle past its deadline.
    private func activeSession(_ id: SessionID) async throws -> Session? {
        guard let session = try await sessions.session(id), session.revokedAt == nil else { return nil }
        if let renewal = session.renewal, renewal.idleExpiresAt <= now() { return nil }
        return session
    }

    private func openSession(for subject: SessionSubject) async throws -> IssuedCredentials {
        let (new, credentials) = try await prepareSession(for: subject)
        try await sessions.createSession(new.session, refreshToken: new.refreshToken)
        return credentials
    }

    private func prepareSession(for subject: SessionSubject) async throws -> (NewSession, IssuedCredentials) {
        let date = now()
        let session = Session(id: SessionID(IdentifierGenerator.hex(byteCount: 16)), subject: subject, createdAt: date)
        let refreshToken = IdentifierGenerator.hex(byteCount: 32)
        let record = RefreshTokenRecord(
            tokenHash: tokenHasher.hash(refreshToken), session: session.id,
            expiresAt: date.adding(policy.refreshTokenLifetime)
        )
        return (NewSession(session: session, refreshToken: record), try await credentials(for: session, refreshToken: refreshToken, at: date))
    }

    private func credentials(for session: Session, refreshToken: String, at date: Date) async throws -> IssuedCredentials {
        let lifetime: Duration = switch session.subject {
        case .agent: policy.accessTokenLifetime
        case .visitor: policy.visitorAccessTokenLifetime
        }
        // Whole seconds, as JWT's NumericDate carries them.
        let issuedAt = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let claims = AccessClaims(session: session.id, subject: session.subject, issuedAt: issuedAt, expiresAt: issuedAt.adding(lifetime))
        return IssuedCredentials(
            session: session.id,
            accessToken: try await codec.sign(claims),
            accessTokenExpiresAt: claims.expiresAt,
            refreshToken: refreshToken
        )
    }
}
