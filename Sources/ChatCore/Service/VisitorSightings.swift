import Foundation
import Synchronization

/// Remembers when each chat's visitor was last recorded as present, so that a visitor who
/// polls every few seconds costs one write per `interval`, not one per poll.
final class VisitorSightings: Sendable {
    private let recorded = Mutex<[ChatID: Date]>([:])
    private let interval: TimeInterval

    init(interval: TimeInterval = 30) {
        self.interval = interval
    }

    /// Whether a sighting at `date` is worth storing, and if so notes it.
    func shouldRecord(_ chat: ChatID, at date: Date) -> Bool {
        recorded.withLock { recorded in
            if let last = recorded[chat], date.timeIntervalSince(last) < interval { return false }
            if recorded.count > 100_000 {
                recorded = recorded.filter { date.timeIntervalSince($0.value) < interval }
            }
            recorded[chat] = date
            return true
        }
    }
}
