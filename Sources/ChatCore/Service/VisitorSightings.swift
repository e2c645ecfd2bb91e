import Foundation
import Synchronization

/// Remembers when each visitor was last recorded as present, so that a visitor who
/// polls every few seconds costs one write per `interval`, not one per poll.
final class VisitorSightings: Sendable {
    private let recorded = Mutex<[VisitorID: Date]>([:])
    private let interval: TimeInterval

    init(interval: TimeInterval = 30) {
        self.interval = interval
    }

    /// Whether a sighting at `date` is worth storing, and if so notes it.
    func shouldRecord(_ visitor: VisitorID, at date: Date) -> Bool {
        recorded.withLock { recorded in
            if let last = recorded[visitor], date.timeIntervalSince(last) < interval { return false }
            if recorded.count > 100_000 {
                recorded = recorded.filter { date.timeIntervalSince($0.value) < interval }
            }
            recorded[visitor] = date
            return true
        }
    }
}
