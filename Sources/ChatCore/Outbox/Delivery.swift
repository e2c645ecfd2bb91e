import Foundation

/// Where a delivery goes.
public enum DeliveryDestination: Sendable, Equatable {
    /// The flow engine (RapidPro) of the contact's channel; `project` picks a per-project
    /// endpoint where one is configured (nil: the server-wide one).
    case channel(project: String?)
    /// A registered webhook endpoint.
    case webhook(WebhookEndpointID)
    /// A mailbox, through the configured SMTP server; the payload is the whole message.
    case email(to: String)
}

/// A delivery before it is stored: the outbox gives it its id and schedule.
public struct DeliveryDraft: Sendable, Equatable {
    public var destination: DeliveryDestination
    /// Deliveries of one lane are sent one at a time, in the order they were planned.
    public var lane: String
    /// The exact request body (or mail message) sent.
    public var payload: String
    /// A short description for admins looking at dead letters (`message.created`, `channel text`).
    public var summary: String
    /// The visitor whose chat or data it carries: erasing the visitor drops it, sent or not.
    public var visitorID: VisitorID?

    public init(destination: DeliveryDestination, lane: String, payload: String, summary: String, visitorID: VisitorID? = nil) {
        self.destination = destination
        self.lane = lane
        self.payload = payload
        self.summary = summary
        self.visitorID = visitorID
    }
}

/// A pending or dead-lettered delivery. Its id stays the same across retries (a webhook's
/// `webhook-id`), so receivers can drop duplicates.
public struct Delivery: Sendable, Equatable {
    public var id: String
    public var destination: DeliveryDestination
    public var lane: String
    public var payload: String
    public var summary: String
    /// How many times sending it was tried.
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    /// When it was given up on; nil while it is pending.
    public var deadAt: Date?
    public var createdAt: Date

    public init(
        id: String, destination: DeliveryDestination, lane: String, payload: String, summary: String, attempts: Int,
        nextAttemptAt: Date, lastError: String?, deadAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.destination = destination
        self.lane = lane
        self.payload = payload
        self.summary = summary
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.deadAt = deadAt
        self.createdAt = createdAt
    }
}

/// What became of one attempt to send a delivery.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered
    /// Worth trying again (5xx, 3xx, timeout, connection error, 429); `retryAfter` is the
    /// receiver's own wish (429 `Retry-After`).
    case failed(reason: String, retryAfter: Duration?)
    /// Never worth trying again as it is (4xx, a refused address, nothing configured).
    case rejected(reason: String)
    /// The receiver is gone for good (410): a webhook endpoint is disabled.
    case gone(reason: String)
}

/// Where a delivery is sent, as the sender resolved it when sending.
public enum DeliveryTarget: Sendable, Equatable {
    case channel(project: String?)
    case webhook(WebhookEndpoint)
    case email(to: String)
}
