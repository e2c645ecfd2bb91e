import Foundation
import Synchronization

/// A clock that stands still until a test moves it on. Every service of a test app reads it,
/// so a test crosses an expiry (an offer, a typing notice, a token, a captcha) by advancing
/// it, neither sleeping nor depending on how fast the machine runs.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at the wall clock's time, so that what still reads the wall clock (token
    /// signatures, the database's own clean-ups) agrees with it until the test moves it on.
    public init(start: Date = Date()) {
        current = Mutex(start)
    }

    public var now: Date {
        current.withLock { $0 }
    }

    /// The clock as the services take it.
    public var reading: @Sendable () -> Date {
        { [self] in self.now }
    }

    public func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        current.withLock { $0 = $0.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18) }
    }
}
