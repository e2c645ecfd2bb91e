import Foundation

/// A message as acknowledged to its sender.
public struct SentMessage: Sendable {
    public var event: ChatEvent
    /// True when a retry found the message already stored.
    public var isReplay: Bool
}

/// The life of a chat: start, join, messages, typing, close. Every change is decided by
/// `ChatTransitions` and goes through the `ChatLog`, which commits it and then announces it.
public struct ChatService: Sendable {
    let store: any ChatStore & DirectoryStore & RoutingStore & AttachmentStore
    let log: ChatLog
    private let bus: any EventBus
    private let auth: AuthService
    private let captchas: CaptchaService
    private let bans: BanService
    private let routing: RoutingService
    let access: ChatAccess
    let limits: ChatLimits
    private let typing: TypingBoard
    private let failures: any FailureReporter
    let throttle: ChatThrottle
    private let hours: BusinessHoursService
    private let prechat: PrechatFormService
    let now: @Sendable () -> Date

    public init(
        store: any ChatStore & DirectoryStore & RoutingStore & AttachmentStore, log: ChatLog, bus: any EventBus, auth: AuthService, captchas: CaptchaService, routing: RoutingService,
        limits: ChatLimits, bans: BanService, hours: BusinessHoursService, prechat: PrechatFormService, typing: TypingBoard = TypingBoard(),
        failures: any FailureReporter, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.hours = hours
        self.prechat = prechat
        self.typing = typing
        self.failures = failures
        self.store = store
        self.log = log
        self.bus = bus
        self.auth = auth
        self.captchas = captchas
        self.bans = bans
        self.routing = routing
        self.access = ChatAccess(store: store)
        self.limits = limits
        self.throttle = ChatThrottle(limits: limits)
        self.now = now
    }

    /// Starts a chat, for every face alike: for a new visitor, or for `visitor` (a visitor
    /// principal, tracked on the site first), who may hold one open chat at a time. Every field
    /// is checked before the captcha is used up (the captcha policy decides whether `captcha` is
    /// needed), and the captcha before anything is stored. The chat (with a new visitor and its
    /// session) is stored in one transaction; routing comes after the commit and never fails the
    /// request (the routing sweeper retries it). A banned visitor or address is refused first;
    /// a department its business calendar says is closed refuses before the captcha is used up.
    /// Answers given through Parley's pre-chat form must meet the department's defined fields.
    public func startChat(_ request: StartChatRequest, captcha: CaptchaAnswer?, as visitor: Principal? = nil) async throws -> StartedChat {
        let known = visitor?.visitorID
        if visitor != nil, known == nil { throw ChatError.forbidden(reason: "Only visitors start chats.") }
        try await bans.check(visitor: known, address: request.profile.ipAddress)
        let name = try request.name.map { try Validate.name($0, limits: limits) }
        let email = try request.email.map { try Validate.email($0, limits: limits) }
        let message = try request.message.map { try Validate.message($0, field: .firstMessage, limits: limits) }
        let formFields = try request.formFields.map { try Validate.formFields($0, limits: limits) }
        if known == nil, request.requiresContact {
            guard name != nil else { throw ChatError.invalidField(field: .name, reason: "is required") }
            guard email != nil else { throw ChatError.invalidField(field: .email, reason: "is required") }
        }
        guard let department = try await store.department(request.departmentID) else {
            throw ChatError.departmentNotFound(request.departmentID)
        }
        if request.answersPrechatForm {
            try await prechat.check(formFields ?? [], department: department.id)
        }
        try hours.requireOpen(department)
        try await captchas.verify(captcha)
        let date = now()
        let chatID = ChatID(IdentifierGenerator.shortHex())
        let opener: ChatVisitor
        let visitorID: VisitorID
        var credentials: IssuedCredentials?
        if let known {
            visitorID = known
            opener = .known(known, VisitorUpdate(name: name, email: email, formFields: formFields))
        } else {
            let new = Visitor(
                id: VisitorID(IdentifierGenerator.shortHex()), name: name ?? "", email: email ?? "",
                profile: Validate.profile(request.profile, limits: limits), formFields: formFields ?? [], createdAt: date
            )
            let (session, issued) = try await auth.prepareVisitorSession(visitor: new.id)
            visitorID = new.id
            opener = .new(new, session)
            credentials = issued
        }
        let (chat, events) = try await log.create(
            for: opener, chatID: chatID, departmentID: request.departmentID,
            events: ChatTransitions.start(by: visitorID, message: message), at: date
        )
        do {
            try await routing.route(chat.departmentID)
        } catch {
            failures.report(error, during: "routing a new chat", details: ["chat_id": chat.id.rawValue])
        }
        guard let stored = try await store.visitor(visitorID) else { throw ChatError.visitorNotFound(visitorID) }
        return StartedChat(chat: chat, visitor: stored, events: events, credentials: credentials)
    }

    /// An agent accepts a queued chat (offered to it or not) and becomes the one serving it,
    /// within its capacity.
    public func join(_ id: ChatID, as principal: Principal) async throws -> Chat {
        let chat = try await access.visibleChat(id, to: principal)
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents may join chats.") }
        let department = try await store.department(chat.departmentID)
        let capacity = routing.routingSettings.capacity.capacity(of: agent, in: department)
        let (joined, _) = try await log.accept(id, by: agent.id, at: now()) { chat, load in
            try ChatTransitions.join(chat, by: agent, load: load, capacity: capacity)
        }
        if let offer = chat.offer, offer.agentID != agent.id {
            try await routing.route(joined.departmentID)
        }
        return joined
    }

    /// An agent takes its next chat: the oldest offered to it, else the oldest nobody was
    /// offered in its departments. Chats another agent takes first are skipped.
    public func acceptNext(as principal: Principal) async throws -> Chat {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents take chats.") }
        let offered = try await store.chatsOffered(to: agent.id)
        let waiting = try await store.chats(ChatQuery(states: [.queued, .transferring], departmentIDs: agent.departmentIDs, limit: 20))
            .filter { $0.offer == nil }
        for chat in offered + waiting {
            do {
                return try await join(chat.id, as: principal)
            } catch ChatError.chatNotQueued, ChatError.chatEnded, ChatError.forbidden {
                continue
            }
        }
        throw ChatError.noChatWaiting
    }

    /// Sends a message, quoting the line `quoting` (a per-chat event id) if given. With a
    /// client message id, a retry returns the stored message instead of a second one.
    public func send(
        _ text: String, clientMessageID: String?, quoting: Int? = nil, to id: ChatID, as principal: Principal
    ) async throws -> SentMessage {
        let text = try Validate.message(text, field: .messageText, limits: limits)
        let clientMessageID = try Validate.clientMessageID(clientMessageID, limits: limits)
        try throttle.admitMessage(from: principal, in: id, at: now())
        _ = try await access.visibleChat(id, to: principal)
        let quoted: ChatEvent? = if let quoting { try await line(quoting, in: id, for: principal) } else { nil }
        let author = principal.author
        let key = clientMessageID.map { ClientMessageKey(author: author, clientMessageID: $0) }
        let update = try await log.update(id, replaying: key, at: now()) { chat in
            try ChatTransitions.send(
                text, clientMessageID: clientMessageID, quoting: quoted, in: chat, by: author, maxEvents: limits.maxChatEvents
            )
        }
        let isReplay = if case .replayed = update { true } else { false }
        let event = try update.lastEvent()
        await typing.stopped(author, in: id)
        return SentMessage(event: event, isReplay: isReplay)
    }

    /// An agent who may see the chat (its agent, a colleague, a supervisor, a listening bot)
    /// writes a note the other agents see and the visitor never does.
    public func addNote(_ text: String, to id: ChatID, as principal: Principal) async throws -> ChatEvent {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents write notes.") }
        let text = try Validate.message(text, field: .noteText, limits: limits)
        try throttle.admitMessage(from: principal, in: id, at: now())
        _ = try await access.visibleChat(id, to: principal)
        let update = try await log.update(id, at: now()) { chat in
            try ChatTransitions.note(text, in: chat, by: agent, maxEvents: limits.maxChatEvents)
        }
        return try update.lastEvent()
    }

    /// Records the agent survey (wrap-up form) of a chat the caller serves or served.
    public func answerSurvey(_ answers: [SurveyAnswer], in id: ChatID, as principal: Principal) async throws -> ChatEvent {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents answer the agent survey.") }
        let answers = try Validate.surveyAnswers(answers, limits: limits)
        try throttle.admitMessage(from: principal, in: id, at: now())
        _ = try await access.visibleChat(id, to: principal)
        let update = try await log.update(id, at: now()) { chat in
            try ChatTransitions.answerSurvey(answers, in: chat, by: agent, maxEvents: limits.maxChatEvents)
        }
        return try update.lastEvent()
    }

    /// Ends the chat; either side may.
    public func close(_ id: ChatID, as principal: Principal) async throws -> Chat {
        _ = try await access.visibleChat(id, to: principal)
        let closed = try await log.update(id, at: now()) { chat in try ChatTransitions.close(chat, by: principal) }.chat
        // An ended chat frees its agent's capacity, or the offer it held.
        try await routing.route(closed.departmentID)
        return closed
    }

    /// The serving agent (or an admin) hands an active chat to another agent (online or
    /// away, not offline) or department, with a note only agents see. The chat is `transferring` until someone there accepts
    /// it; if the offer is declined or times out, it returns to its department's queue.
    public func transfer(_ id: ChatID, to target: TransferTarget, note: String?, as principal: Principal) async throws -> Chat {
        let current = try await access.visibleChat(id, to: principal)
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents may transfer chats.") }
        let note = try note.map { try Validate.message($0, field: .transferNote, limits: limits) }
        // Whether the caller may transfer the chat at all comes before whether the target can take it;
        // both are checked again under the chat's lock.
        try ChatTransitions.checkTransferable(current, by: agent)
        switch target {
        case .agent(let targetID):
            guard let target = try await store.agent(targetID) else { throw ChatError.agentNotFound(targetID) }
            guard targetID != agent.id else { throw ChatError.invalidField(field: .transferAgent, reason: "must be another agent") }
            // Away agents (LivePerson's "Occupied") still take transfers; offline ones are not there to.
            guard target.status.availability != .offline else { throw ChatError.agentUnavailable(targetID) }
        case .department(let department):
            guard try await store.department(department) != nil else { throw ChatError.departmentNotFound(department) }
        }
        let date = now()
        let transferred = try await log.update(id, at: date) { chat in
            try ChatTransitions.transfer(chat, to: target, note: note, by: agent, at: date)
        }.chat
        try await routing.route(transferred.departmentID)
        return transferred
    }

    /// Ends the chats whose visitor has been silent and disconnected past the inactivity
    /// timeout, with a line saying why.
    public func endAbandonedChats() async throws {
        let date = now()
        for chat in try await store.chatsWithVisitorsGone(since: date.adding(.zero - limits.visitorInactivityTimeout)) {
            let update = try await log.update(chat.id, at: date) { chat in ChatTransitions.abandon(chat) }
            if case .applied(let ended, let events) = update, !events.isEmpty {
                try await routing.route(ended.departmentID)
            }
        }
    }

    /// Tells the other side that the principal is (or stopped) typing. Not stored; a state
    /// repeated within a second is accepted and wakes nobody.
    public func setTyping(_ isTyping: Bool, in id: ChatID, as principal: Principal) async throws {
        let chat = try await access.visibleChat(id, to: principal)
        guard chat.state != .ended else { throw ChatError.chatEnded(id) }
        let date = now()
        let notice = TypingNotice(
            chat: ChatAddress(chat), author: principal.author, isTyping: isTyping, at: date,
            expiresAt: isTyping ? date.adding(limits.typingLifetime) : nil
        )
        guard try throttle.admitTyping(notice, from: principal.session) else { return }
        await typing.record(notice)
        await bus.publish(.typing(notice))
    }

    /// Who is typing in the chat now.
    public func typists(in id: ChatID, for principal: Principal) async throws -> Set<EventAuthor> {
        _ = try await access.visibleChat(id, to: principal)
        return await typing.typists(in: id, at: now())
    }
}
