/// How long tokens live.
public struct TokenPolicy: Sendable, Equatable {
    public var accessTokenLifetime: Duration = .seconds(15 * 60)
    public var visitorAccessTokenLifetime: Duration = .seconds(30 * 60)
    public var refreshTokenLifetime: Duration = .seconds(30 * 24 * 3600)
    /// How long a spent refresh token still answers the successor it was traded for, so that
    /// two refreshes a client sends at once do not log it out. After it, reuse revokes the session.
    public var refreshReuseGrace: Duration = .seconds(5)
    /// How long a renewable session lives without a renewal (LivePerson's `sessionTTl`).
    public var renewableIdleLifetime: Duration = .seconds(30 * 60)
    /// The longest a renewable session lives, however often it is renewed.
    public var renewableMaxLifetime: Duration = .seconds(12 * 3600)

    public init() {}
}
