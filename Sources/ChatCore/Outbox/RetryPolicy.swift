import Foundation

/// When a failed delivery is tried again, and when it is given up on.
public struct RetryPolicy: Sendable, Equatable {
    /// The wait before the first retry; each further retry waits twice as long (with jitter).
    public var base: Duration = .seconds(2)
    /// The longest wait between two attempts, whatever the backoff or a `Retry-After` says.
    public var cap: Duration = .seconds(3600)
    /// Attempts after which a delivery is dead-lettered.
    public var maxAttempts = 15
    /// Age after which a delivery that fails again is dead-lettered.
    public var maxAge: Duration = .seconds(2 * 86_400)

    public init() {}

    /// The wait after `attempts` failed attempts: `base * 2^(attempts-1)`, capped, then
    /// scaled by `0.5 + jitter/2` (jitter in 0...1) so that receivers that come back are not
    /// hit by every sender at once. A receiver's own `retryAfter` wins, within the cap.
    public func delay(afterAttempts attempts: Int, retryAfter: Duration?, jitter: Double) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), cap) }
        let doublings = min(max(attempts - 1, 0), 40)
        let exponential = base * Double(1 << min(doublings, 30))
        return min(exponential, cap) * (0.5 + min(max(jitter, 0), 1) / 2)
    }

    /// Whether a delivery that failed `attempts` times, created at `createdAt`, is given up on at `date`.
    public func givesUp(attempts: Int, createdAt: Date, at date: Date) -> Bool {
        attempts >= maxAttempts || date >= createdAt.adding(maxAge)
    }
}
