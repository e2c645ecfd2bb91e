import Foundation

/// What the rest of Parley asks of the outbox directly (chat events reach it through
/// `OutboxFeeder`), and the admins' view of dead letters.
public struct OutboxService: Sendable {
    private let store: any OutboxStore & WebhookStore
    private let failures: any FailureReporter
    private let now: @Sendable () -> Date

    public init(store: any OutboxStore & WebhookStore, failures: any FailureReporter, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.failures = failures
        self.now = now
    }

    /// Queues texts (a line, a file's URL) for a channel contact, in its lane, cut into what the
    /// channel accepts; stored before it returns, so a crash after it loses nothing.
    public func relay(texts: [String], to contact: ChannelContact, project: String? = nil) async throws {
        let chunks = texts.flatMap { ChannelText.chunks($0) }
        guard !chunks.isEmpty else { return }
        try await store.enqueue(OutboxPlan.channelTexts(chunks, to: contact, project: project), at: now())
    }

    /// Queues a notification that is not a chat event (an agent's new status, a ban, an offline
    /// message) for every enabled endpoint that wants it. `lane` keeps notifications about one
    /// subject (an agent's id) in order; `visitor` is the visitor whose data it carries, if any.
    public func notify(_ event: WebhookEvent, lane: String, visitor: VisitorID? = nil) async throws {
        let drafts = OutboxPlan.deliveries(of: event, lane: lane, endpoints: try await store.webhookEndpoints(), visitorID: visitor)
        guard !drafts.isEmpty else { return }
        try await store.enqueue(drafts, at: now())
    }

    /// `agent.status_changed`, queued after the change committed: a crash in between loses the
    /// notification (the change stands), and a failure to queue it is reported, not thrown.
    public func agentStatusChanged(_ agent: AgentID, to status: AgentStatus) async {
        var data = WebhookData()
        data.agentId = agent.rawValue
        data.status = status.availability.rawValue
        data.awayReason = status.awayReason
        await notifyAfterCommit(WebhookEvent(type: .agentStatusChanged, at: now(), data: data), lane: "agent:\(agent.rawValue)")
    }

    /// `visitor.banned`, queued after the ban was stored (as `agentStatusChanged` is).
    public func banned(_ ban: Ban) async {
        var data = WebhookData()
        var wire = WebhookBan(id: ban.id.rawValue, reason: ban.reason, createdBy: ban.createdBy?.rawValue)
        switch ban.target {
        case .visitor(let visitor):
            wire.visitorId = visitor.rawValue
            data.visitorId = visitor.rawValue
        case .addresses(let range):
            wire.addresses = range.description
        }
        data.ban = wire
        await notifyAfterCommit(
            WebhookEvent(type: .visitorBanned, at: ban.createdAt, data: data), lane: "ban:\(ban.id.rawValue)", visitor: data.visitorId.map { VisitorID($0) }
        )
    }

    private func notifyAfterCommit(_ event: WebhookEvent, lane: String, visitor: VisitorID? = nil) async {
        do {
            try await notify(event, lane: lane, visitor: visitor)
        } catch {
            failures.report(error, during: "queueing the webhook notification \(event.type.rawValue)", details: ["lane": lane])
        }
    }

    /// `offline_message.created`, queued after the message was stored (as `agentStatusChanged` is).
    public func offlineMessageLeft(_ message: OfflineMessage) async {
        var data = WebhookData()
        data.departmentId = message.departmentID.rawValue
        data.visitorId = message.visitorID?.rawValue
        data.offlineMessage = WebhookOfflineMessage(
            id: message.id.rawValue, departmentId: message.departmentID.rawValue, name: message.name, email: message.email,
            text: message.text
        )
        await notifyAfterCommit(
            WebhookEvent(type: .offlineMessageCreated, at: message.createdAt, data: data), lane: "offline:\(message.id.rawValue)",
            visitor: message.visitorID
        )
    }

    /// Dead letters, newest first; admins only.
    public func deadLetters(limit: Int, by caller: Caller) async throws -> [Delivery] {
        try caller.requireAdmin()
        return try await store.deadLetters(limit: min(max(limit, 1), Self.maxListed))
    }

    /// Sends a dead letter again from its first attempt; admins only.
    public func replay(deadLetter id: String, by caller: Caller) async throws {
        try caller.requireAdmin()
        guard try await store.replayDeadLetter(id, at: now()) else { throw ChatError.deadLetterNotFound(id) }
    }

    /// Drops a dead letter for good; admins only.
    public func delete(deadLetter id: String, by caller: Caller) async throws {
        try caller.requireAdmin()
        guard try await store.deleteDeadLetter(id) else { throw ChatError.deadLetterNotFound(id) }
    }

    /// The most dead letters one list holds.
    public static let maxListed = 500
}
