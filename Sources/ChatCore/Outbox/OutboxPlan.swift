import Foundation

/// Which deliveries a committed chat event calls for.
///
/// An agent's line in a channel chat goes to the channel, one delivery per chunk the channel
/// accepts (`ChannelText`), in the contact's lane so its lines arrive in order; notes, the
/// visitor's own lines and system events never do. Every enabled webhook endpoint that wants
/// the event's type gets it, in a lane of its own per chat.
public enum OutboxPlan {
    public static func deliveries(
        for event: ChatEvent, in chat: Chat, recipient: ChannelRecipient?, endpoints: [WebhookEndpoint]
    ) -> [DeliveryDraft] {
        var drafts: [DeliveryDraft] = []
        if let recipient, case .agent = event.author {
            switch event.body {
            case .message(let text):
                drafts += channelTexts(ChannelText.chunks(text), to: recipient.contact, project: recipient.project)
            case .attachment(let attachment):
                drafts.append(channelAttachment(attachment, to: recipient.contact, project: recipient.project))
            default:
                break
            }
        }
        for webhookEvent in webhookEvents(for: event, in: chat) {
            let body = webhookEvent.body()
            for endpoint in endpoints where endpoint.wants(webhookEvent.type) {
                drafts.append(DeliveryDraft(
                    destination: .webhook(endpoint.id), lane: "webhook:\(endpoint.id.rawValue):\(chat.id.rawValue)",
                    payload: body, summary: webhookEvent.type.rawValue, visitorID: chat.visitorID
                ))
            }
        }
        return drafts
    }

    /// Texts for a channel contact, in its lane.
    public static func channelTexts(_ texts: [String], to contact: ChannelContact, project: String?) -> [DeliveryDraft] {
        texts.map { text in
            DeliveryDraft(
                destination: .channel(project: project), lane: channelLane(contact), payload: RapidProMessage(contact: contact.uuid, text: text).body(),
                summary: "channel text to contact \(contact.uuid)", visitorID: contact.visitorID
            )
        }
    }

    /// A file for a channel contact, in its lane, as RapidPro's `attachments: ["type:url"]`.
    /// The URL is a marker (`ChannelAttachmentLink`) the sender signs when it sends.
    static func channelAttachment(_ attachment: Attachment, to contact: ChannelContact, project: String?) -> DeliveryDraft {
        DeliveryDraft(
            destination: .channel(project: project), lane: channelLane(contact),
            payload: RapidProMessage(contact: contact.uuid, attachments: [ChannelAttachmentLink.marker(for: attachment)]).body(),
            summary: "channel attachment to contact \(contact.uuid)", visitorID: contact.visitorID
        )
    }

    /// The lane of a contact's lines: one contact's lines go out one after another.
    public static func channelLane(_ contact: ChannelContact) -> String { "channel:\(contact.uuid)" }

    /// A notification that is not a chat event (an agent's status, a ban), for every endpoint that wants it.
    public static func deliveries(
        of event: WebhookEvent, lane: String, endpoints: [WebhookEndpoint], visitorID: VisitorID? = nil
    ) -> [DeliveryDraft] {
        let body = event.body()
        return endpoints.filter { $0.wants(event.type) }.map { endpoint in
            DeliveryDraft(
                destination: .webhook(endpoint.id), lane: "webhook:\(endpoint.id.rawValue):\(lane)", payload: body,
                summary: event.type.rawValue, visitorID: visitorID
            )
        }
    }

    /// The webhook notifications one chat event makes: a chat's first event starts it (and
    /// queues it), a join takes it, a rating rates it, and so on. Agents' notes, offers and surveys make none.
    static func webhookEvents(for event: ChatEvent, in chat: Chat) -> [WebhookEvent] {
        var data = WebhookData()
        data.chatId = chat.id.rawValue
        data.chatNumber = chat.number
        data.departmentId = chat.departmentID.rawValue
        data.visitorId = chat.visitorID.rawValue
        if case .agent(let agent) = event.author { data.agentId = agent.rawValue }
        var types: [WebhookEventType] = []
        switch event.body {
        case .stateChanged(let state):
            data.state = state.rawValue
            if event.id == 0 { types.append(.chatStarted) }
            if state == .queued { types.append(.chatQueued) }
            if state == .ended {
                data.endedBy = chat.endedBy?.rawValue
                types.append(.chatEnded)
            }
        case .joined:
            types.append(.chatTaken)
        case .transferred(let target, _):
            var transfer = WebhookTransfer(fromAgentId: data.agentId)
            switch target {
            case .agent(let agent): transfer.toAgentId = agent.rawValue
            case .department(let department): transfer.toDepartmentId = department.rawValue
            }
            data.transfer = transfer
            types.append(.chatTransferred)
        case .message(let text):
            data.message = WebhookMessage(
                id: event.id, authorKind: Self.authorKind(event.author), authorId: event.author.participantID, text: text,
                createdAt: WebhookEvent.format(event.createdAt)
            )
            types.append(.messageCreated)
        case .rated(let rating):
            data.rating = WebhookRating(score: rating.score, comment: rating.comment)
            types.append(.chatRated)
        case .messageEdited(let target, let text):
            data.message = WebhookMessage(
                id: target, authorKind: Self.authorKind(event.author), authorId: event.author.participantID, text: text,
                createdAt: WebhookEvent.format(event.createdAt)
            )
            types.append(.messageUpdated)
        case .messageDeleted(let target):
            data.message = WebhookMessage(
                id: target, authorKind: Self.authorKind(event.author), authorId: event.author.participantID, text: nil,
                createdAt: WebhookEvent.format(event.createdAt)
            )
            types.append(.messageDeleted)
        case .offered, .offerWithdrawn, .notice, .surveyAnswered, .note, .attachment:
            break
        }
        return types.map { WebhookEvent(type: $0, at: event.createdAt, data: data) }
    }
}

extension OutboxPlan {
    static func authorKind(_ author: EventAuthor) -> String {
        if case .visitor = author { "visitor" } else { "agent" }
    }
}

/// RapidPro's `POST /api/v2/messages.json` body.
struct RapidProMessage: Codable {
    let contact: String
    /// Absent when the message carries attachments alone.
    var text: String?
    /// `content type:url` of each file RapidPro fetches and sends.
    var attachments: [String]?

    func body() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Who a channel chat's lines go to: the contact, through its project's RapidPro (the
/// server's when the project has none of its own, or the chat's department follows no calendar).
public struct ChannelRecipient: Sendable, Equatable {
    public var contact: ChannelContact
    public var project: String?

    public init(contact: ChannelContact, project: String?) {
        self.contact = contact
        self.project = project
    }
}
