import Foundation

/// Durable outbound deliveries and the positions of the consumers that plan them from the chat log.
public protocol OutboxStore: Sendable {
    /// The consumer's position in the chat event log; a consumer never seen starts at the
    /// newest event (history is not delivered again).
    func outboxPosition(of consumer: String) async throws -> EventCursor

    /// Stores `drafts` as pending deliveries due at `date` and moves the consumer from `from`
    /// to `to`, in one transaction. Answers false, storing nothing, when the position is no
    /// longer `from` (another instance planned those events).
    func enqueue(_ drafts: [DeliveryDraft], advancing consumer: String, from: EventCursor, to: EventCursor, at date: Date) async throws -> Bool

    /// Stores `drafts` as pending deliveries due at `date` (work that is not a chat event).
    func enqueue(_ drafts: [DeliveryDraft], at date: Date) async throws

    /// Claims up to `limit` due deliveries, each the oldest pending one of its lane, by moving
    /// their next attempt to `leaseUntil`: another sender (or this one after a crash) takes
    /// them up again only once the lease has run out.
    func claimDueDeliveries(at date: Date, leaseUntil: Date, limit: Int) async throws -> [Delivery]

    /// Removes a delivered delivery.
    func deliveryDelivered(_ id: String) async throws
    /// Counts a failed attempt and schedules the next one.
    func deliveryFailed(_ id: String, attempts: Int, error: String, nextAttemptAt: Date) async throws
    /// Gives up on a delivery: it stays as a dead letter until replayed or deleted.
    func deadLetter(_ id: String, attempts: Int, reason: String, at date: Date) async throws

    /// Dead letters, newest first.
    func deadLetters(limit: Int) async throws -> [Delivery]
    /// Makes a dead letter pending again, due at `date`, with no attempts; false if none has the id.
    func replayDeadLetter(_ id: String, at date: Date) async throws -> Bool
    func deleteDeadLetter(_ id: String) async throws -> Bool
    /// Pending deliveries, oldest first (for tests and operators).
    func pendingDeliveries(limit: Int) async throws -> [Delivery]
}
