import Foundation

/// Mails a chat's transcript to its visitor (or, on an agent's request, to the address the
/// agent gives) through the outbox, which retries it as it retries every delivery; a crash
/// or an SMTP outage after the request loses nothing.
public struct TranscriptService: Sendable {
    /// At most this many transcripts of one chat per `window`.
    public static let limitPerWindow = 3
    public static let window: Duration = .seconds(3600)
    /// How many events one read of the log takes.
    private static let pageSize = 500

    private let store: any ChatStore & DirectoryStore & TranscriptStore
    private let access: ChatAccess
    /// The `From` address; nil when the server has no SMTP server to send through.
    private let sender: String?
    private let limits: ChatLimits
    private let now: @Sendable () -> Date

    public init(
        store: any ChatStore & DirectoryStore & TranscriptStore, sender: String?, limits: ChatLimits,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.access = ChatAccess(store: store)
        self.sender = sender
        self.limits = limits
        self.now = now
    }

    /// Queues the transcript of a chat the caller may see. A visitor's goes to `email` or, when
    /// that is nil, to the visitor's own address; an agent must name the address.
    public func send(_ id: ChatID, to email: String?, as principal: Principal) async throws {
        guard let sender else { throw ChatError.emailNotConfigured }
        let chat = try await access.visibleChat(id, to: principal)
        let address = try await recipient(email, of: chat, for: principal)
        let date = now()
        let since = date.adding(.zero - Self.window)
        try checkLimit(of: id, requested: try await store.transcriptRequests(of: id, since: since), at: date)
        let events = try await visibleEvents(of: id)
        let mail = TranscriptMail(
            chat: chat, departmentName: try await store.department(chat.departmentID)?.name, events: events,
            names: try await names(of: events), from: sender, to: address, date: date
        )
        let draft = DeliveryDraft(
            destination: .email(to: address), lane: "email:\(chat.id.rawValue)", payload: mail.message,
            summary: "transcript of chat #\(chat.number)", visitorID: chat.visitorID
        )
        guard try await store.queueTranscript(draft, of: id, at: date, limit: Self.limitPerWindow, since: since) else {
            // Another request took the last place meanwhile.
            try checkLimit(of: id, requested: try await store.transcriptRequests(of: id, since: since), at: date)
            throw ChatError.rateLimited(retryAfter: 1)
        }
    }

    /// An agent's transcript goes where the agent says. A visitor's goes to its own address only,
    /// and only once an agent served the chat: otherwise anyone could have Parley mail what they
    /// wrote to whomever they like.
    private func recipient(_ email: String?, of chat: Chat, for principal: Principal) async throws -> String {
        let named = try email.map { try Validate.mailbox($0, field: .transcriptEmail, limits: limits) }
        guard principal.visitorID != nil else {
            guard let named else { throw ChatError.invalidField(field: .transcriptEmail, reason: "is required") }
            return named
        }
        guard chat.servedAt != nil else {
            throw ChatError.forbidden(reason: "A chat's transcript can be mailed once an agent has answered it.")
        }
        guard let own = try await store.visitor(chat.visitorID)?.email, !own.isEmpty else {
            throw ChatError.invalidField(field: .transcriptEmail, reason: "is required")
        }
        let address = try Validate.mailbox(own, field: .transcriptEmail, limits: limits)
        guard named == nil || named?.lowercased() == address.lowercased() else {
            throw ChatError.forbidden(reason: "A visitor's transcript goes to the visitor's own address.")
        }
        return address
    }

    /// Refuses a request over the limit, saying when the oldest counted one stops counting.
    private func checkLimit(of id: ChatID, requested: [Date], at date: Date) throws {
        guard requested.count >= Self.limitPerWindow, let oldest = requested.first else { return }
        // Stored times are whole milliseconds: the wait may come out a hair over the window.
        let seconds = Int(oldest.adding(Self.window).timeIntervalSince(date).rounded(.up))
        throw ChatError.rateLimited(retryAfter: min(max(1, seconds), Int(Self.window.components.seconds)))
    }

    private func visibleEvents(of id: ChatID) async throws -> [ChatEvent] {
        var events: [ChatEvent] = []
        var after: Int?
        while true {
            let page = try await store.events(of: id, page: .after(after, limit: Self.pageSize))
            events += page.filter { !$0.body.isForAgentsOnly }
            guard page.count == Self.pageSize, let last = page.last else { return Self.latestLines(of: events) }
            after = last.id
        }
    }

    /// The lines as they read last: edits applied, deleted lines left out, and no entry of their own for either.
    private static func latestLines(of events: [ChatEvent]) -> [ChatEvent] {
        MessageAmendments.fold(events, with: events).filter { event in
            if case .deleted = event.amendment { return false }
            return !MessageAmendments.isAmendment(event)
        }
    }

    private func names(of events: [ChatEvent]) async throws -> [EventAuthor: String] {
        var names: [EventAuthor: String] = [:]
        for author in Set(events.map(\.author)) {
            switch author {
            case .visitor(let id): names[author] = try await store.visitor(id)?.name
            case .agent(let id): names[author] = try await store.agent(id)?.name
            case .system: break
            }
        }
        return names
    }
}
