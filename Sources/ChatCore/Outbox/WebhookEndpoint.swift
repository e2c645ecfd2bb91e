import Foundation

/// A webhook endpoint's id.
public struct WebhookEndpointID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// What a webhook endpoint can be told about.
public enum WebhookEventType: String, Sendable, CaseIterable, Codable {
    case chatStarted = "chat.started"
    case chatQueued = "chat.queued"
    case chatTaken = "chat.taken"
    case chatTransferred = "chat.transferred"
    case chatEnded = "chat.ended"
    case chatRated = "chat.rated"
    case messageCreated = "message.created"
    /// Its author edited a message (`data.message` carries the new text).
    case messageUpdated = "message.updated"
    /// Its author deleted a message (`data.message` carries no text).
    case messageDeleted = "message.deleted"
    case offlineMessageCreated = "offline_message.created"
    case agentStatusChanged = "agent.status_changed"
    case visitorBanned = "visitor.banned"
}

/// An admin-registered receiver of signed event notifications (Standard Webhooks).
public struct WebhookEndpoint: Sendable, Equatable {
    public var id: WebhookEndpointID
    public var url: String
    /// The events it is sent; empty means every event.
    public var events: Set<WebhookEventType>
    /// `whsec_` and the base64 of the signing key.
    public var secret: String
    public var isEnabled: Bool
    /// Why it was disabled (an admin, or the receiver answering 410); nil while enabled.
    public var disabledReason: String?
    public var createdAt: Date

    public init(
        id: WebhookEndpointID, url: String, events: Set<WebhookEventType>, secret: String, isEnabled: Bool,
        disabledReason: String?, createdAt: Date
    ) {
        self.id = id
        self.url = url
        self.events = events
        self.secret = secret
        self.isEnabled = isEnabled
        self.disabledReason = disabledReason
        self.createdAt = createdAt
    }

    /// Whether it is sent events of this type now.
    public func wants(_ type: WebhookEventType) -> Bool {
        isEnabled && (events.isEmpty || events.contains(type))
    }
}
