import Foundation
import Synchronization

/// Counts requests per key in fixed one-minute windows. In memory: each instance limits
/// on its own, which is enough to stop a single client from flooding it.
final class RateLimiter: Sendable {
    private struct Window {
        var start: Date
        var count: Int
    }

    private let limit: Int
    private let window: TimeInterval
    private let windows = Mutex<[String: Window]>([:])

    init(perMinute limit: Int) {
        self.limit = limit
        self.window = 60
    }

    /// Counts one request for `key`, or throws 429 with the seconds until the window resets.
    func check(_ key: String, now: Date = Date()) throws {
        let retryAfter: Int? = windows.withLock { windows in
            if windows.count > 10_000 {
                windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
            }
            var current = windows[key] ?? Window(start: now, count: 0)
            if now.timeIntervalSince(current.start) >= window {
                current = Window(start: now, count: 0)
            }
            guard current.count < limit else {
                return max(1, Int((window - now.timeIntervalSince(current.start)).rounded(.up)))
            }
            current.count += 1
            windows[key] = current
            return nil
        }
        if let retryAfter { throw APIError.rateLimited(retryAfterSeconds: retryAfter) }
    }
}
