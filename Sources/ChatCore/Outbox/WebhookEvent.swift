import Foundation

/// One webhook notification as sent: `{"type", "timestamp", "data"}`. Fields that do not
/// apply to the type are left out.
public struct WebhookEvent: Sendable, Equatable, Encodable {
    public var type: WebhookEventType
    /// When it happened, ISO 8601 with milliseconds (UTC).
    public var timestamp: String
    public var data: WebhookData

    public init(type: WebhookEventType, at date: Date, data: WebhookData) {
        self.type = type
        self.timestamp = WebhookEvent.format(date)
        self.data = data
    }

    /// ISO 8601 in UTC with milliseconds.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// The JSON body, keys sorted so the same event always reads the same.
    public func body() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and optionals cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// What an integrator needs to know about the event's chat, message, agent, ban or offline message.
public struct WebhookData: Sendable, Equatable, Encodable {
    public var chatId: String?
    public var chatNumber: Int64?
    public var departmentId: Int64?
    public var visitorId: String?
    public var agentId: String?
    public var state: String?
    /// Who ended the chat (`visitor`, `agent`, `system`).
    public var endedBy: String?
    public var message: WebhookMessage?
    public var transfer: WebhookTransfer?
    /// An agent's new status (`agent.status_changed`).
    public var status: String?
    /// The custom away status, when the agent is away for one.
    public var awayReason: String?
    public var ban: WebhookBan?
    public var offlineMessage: WebhookOfflineMessage?
    /// The visitor's rating of the chat (`chat.rated`).
    public var rating: WebhookRating?

    public init() {}
}

public struct WebhookMessage: Sendable, Equatable, Encodable {
    /// The message's id within its chat.
    public var id: Int
    /// `visitor` or `agent`.
    public var authorKind: String
    public var authorId: String?
    /// The text (the new text, for `message.updated`); absent for `message.deleted`.
    public var text: String?
    /// When the message was sent (or edited, or deleted).
    public var createdAt: String
}

public struct WebhookRating: Sendable, Equatable, Encodable {
    /// 1 (worst) to 5 (best).
    public var score: Int
    public var comment: String?
}

public struct WebhookTransfer: Sendable, Equatable, Encodable {
    public var toAgentId: String?
    public var toDepartmentId: Int64?
    public var fromAgentId: String?
}

public struct WebhookBan: Sendable, Equatable, Encodable {
    public var id: String
    public var visitorId: String?
    public var addresses: String?
    public var reason: String?
    public var createdBy: String?
}

/// A message left while nobody could answer, as the offline-message model gives it.
public struct WebhookOfflineMessage: Sendable, Equatable, Encodable {
    public var id: String
    public var departmentId: Int64?
    public var name: String?
    public var email: String?
    public var text: String

    public init(id: String, departmentId: Int64?, name: String?, email: String?, text: String) {
        self.id = id
        self.departmentId = departmentId
        self.name = name
        self.email = email
        self.text = text
    }
}
