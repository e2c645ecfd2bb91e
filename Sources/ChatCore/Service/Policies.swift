import Foundation

/// Size limits on what callers may store. Every one is configurable.
public struct ChatLimits: Sendable, Equatable {
    public var maxMessageLength = 4000
    public var maxNameLength = 100
    public var maxEmailLength = 254
    public var maxPasswordLength = 200
    public var minPasswordLength = 8
    public var maxClientMessageIDLength = 100
    public var maxProfileFieldLength = 2048
    /// The most events one history page or sync answer may hold.
    public var maxPageSize = 500
    /// A waiting or active chat whose visitor has neither written nor been connected for
    /// this long is ended.
    public var visitorInactivityTimeout: Duration = .seconds(10 * 60)
    /// How long a "typing" notice lasts unless the typist renews it.
    public var typingLifetime: Duration = .seconds(6)

    public init() {}
}

/// How long tokens live.
public struct TokenPolicy: Sendable, Equatable {
    public var accessTokenLifetime: Duration = .seconds(15 * 60)
    public var visitorAccessTokenLifetime: Duration = .seconds(30 * 60)
    public var refreshTokenLifetime: Duration = .seconds(30 * 24 * 3600)

    public init() {}
}

extension Date {
    /// This date moved by a `Duration`.
    public func adding(_ duration: Duration) -> Date {
        let (seconds, attoseconds) = duration.components
        return addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }
}

/// Who asks for an administrative change: an authenticated principal, or the operator
/// at the server's own command line (who is trusted).
public enum Caller: Sendable {
    case localOperator
    case principal(Principal)

    func requireAdmin() throws {
        guard case .principal(let principal) = self else { return }
        guard principal.agent?.isAdmin == true else {
            throw ChatError.forbidden(reason: "Only admins may do this.")
        }
    }
}
