import Foundation

/// A refresh token as stored: only its hash is kept, never the token itself.
public struct RefreshTokenRecord: Sendable, Equatable {
    public var tokenHash: String
    public var session: SessionID
    public var expiresAt: Date

    public init(tokenHash: String, session: SessionID, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.session = session
        self.expiresAt = expiresAt
    }
}

/// A session and its first refresh token, not stored yet: the store writes them in the same
/// transaction as what they open (a visitor's chat), so neither exists without the other.
public struct NewSession: Sendable, Equatable {
    public var session: Session
    public var refreshToken: RefreshTokenRecord

    public init(session: Session, refreshToken: RefreshTokenRecord) {
        self.session = session
        self.refreshToken = refreshToken
    }
}

/// What presenting a refresh token led to.
public enum RefreshOutcome: Sendable, Equatable {
    /// The token was valid and is now used up, and its successor is stored; or the token was
    /// used up within the reuse grace and the successor it was traded for is still stored
    /// (two refreshes racing with one token both get that successor).
    case rotated(Session)
    /// The token was already used, before the grace: a sign of theft, so the caller revokes the session.
    case reused(Session)
    /// Unknown, expired, or its session is revoked.
    case invalid
}

/// Login sessions and their refresh tokens.
public protocol SessionStore: Sendable {
    func createSession(_ session: Session, refreshToken: RefreshTokenRecord) async throws
    func session(_ id: SessionID) async throws -> Session?
    /// Uses up the refresh token with this hash and stores `successor` (a hash) in one transaction.
    /// A token used up less than `reuseGrace` before `date` answers `.rotated` again, without
    /// storing anything, if `successor` is the one stored then; otherwise `.reused`.
    func rotateRefreshToken(
        hash: String, successor: String, successorExpiresAt: Date, reuseGrace: Duration, at date: Date
    ) async throws -> RefreshOutcome
    func revokeSession(_ id: SessionID, at date: Date) async throws
    /// The renewable session whose renewal key has this hash, revoked or not.
    func session(renewalKeyHash: String) async throws -> Session?
    /// Moves a renewable session's idle deadline to `idleExpiresAt`, if at `date` it is neither
    /// revoked nor idle past its deadline; answers whether it did.
    func renewSession(_ id: SessionID, idleExpiresAt: Date, at date: Date) async throws -> Bool
    /// Revokes every session of the agent that still stands, but `kept`.
    func revokeSessions(of agent: AgentID, except kept: SessionID?, at date: Date) async throws
    /// Deletes refresh tokens expired at `date`, then the sessions created before
    /// `createdBefore` that are revoked or have no refresh token left (no token of theirs
    /// can be valid any more). Answers how many sessions went.
    func purgeSessions(at date: Date, createdBefore: Date) async throws -> Int

    /// Where a session's server-tracked feed stands, per scope (e.g. one chat).
    func feedPosition(of session: SessionID, scope: String) async throws -> EventCursor?
    func setFeedPosition(_ cursor: EventCursor, of session: SessionID, scope: String) async throws
}
