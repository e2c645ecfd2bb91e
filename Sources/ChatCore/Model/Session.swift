import Foundation

/// Whom a login session belongs to.
public enum SessionSubject: Sendable, Equatable {
    case agent(AgentID)
    /// A visitor: the same session follows it from its first page view through all its chats.
    case visitor(VisitorID)
}

/// A login session. Access tokens name it; refresh tokens renew it; logout revokes it.
public struct Session: Sendable, Equatable {
    public var id: SessionID
    public var subject: SessionSubject
    public var createdAt: Date
    public var revokedAt: Date?
    /// Set for a session whose one access token is kept alive by renewals (see `AuthService.loginRenewable`).
    public var renewal: SessionRenewal?

    public init(id: SessionID, subject: SessionSubject, createdAt: Date, revokedAt: Date? = nil, renewal: SessionRenewal? = nil) {
        self.id = id
        self.subject = subject
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.renewal = renewal
    }
}

/// How a renewable session stays alive: its holder proves itself with a key (stored as a hash)
/// and each renewal moves the session's idle deadline on.
public struct SessionRenewal: Sendable, Equatable {
    public var keyHash: String
    /// The session ends at this moment unless it is renewed before.
    public var idleExpiresAt: Date

    public init(keyHash: String, idleExpiresAt: Date) {
        self.keyHash = keyHash
        self.idleExpiresAt = idleExpiresAt
    }
}

/// What an access token says. Its signature is checked by an `AccessTokenCodec`.
public struct AccessClaims: Sendable, Equatable {
    public var session: SessionID
    public var subject: SessionSubject
    public var issuedAt: Date
    public var expiresAt: Date

    public init(session: SessionID, subject: SessionSubject, issuedAt: Date, expiresAt: Date) {
        self.session = session
        self.subject = subject
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}

/// The tokens handed out at login, at refresh and when a visitor starts a chat.
public struct IssuedCredentials: Sendable, Equatable {
    public var session: SessionID
    public var accessToken: String
    public var accessTokenExpiresAt: Date
    public var refreshToken: String

    public init(session: SessionID, accessToken: String, accessTokenExpiresAt: Date, refreshToken: String) {
        self.session = session
        self.accessToken = accessToken
        self.accessTokenExpiresAt = accessTokenExpiresAt
        self.refreshToken = refreshToken
    }
}
