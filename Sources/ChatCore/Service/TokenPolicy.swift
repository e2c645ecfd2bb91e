/// How long tokens live.
public struct TokenPolicy: Sendable, Equatable {
    public var accessTokenLifetime: Duration = .seconds(15 * 60)
    public var visitorAccessTokenLifetime: Duration = .seconds(30 * 60)
    public var refreshTokenLifetime: Duration = .seconds(30 * 24 * 3600)
    /// How long a spent refresh token still answers the successor it was traded for, so that
    /// two refreshes a client sends at once do not log it out. After it, reuse revokes the session.
    public var refreshReuseGrace: Duration = .seconds(5)

    public init() {}
}
