import Foundation

/// Contacts of external channels (reached through a flow engine such as RapidPro) and their
/// chats: registering hands a contact to a department's queue; the contact's lines reach its
/// open chat; a closed session ends the chat and forgets the contact's link. What agents
/// answer goes back to the channel through the outbox, from the committed log.
public struct ChannelService: Sendable {
    private let store: any ChannelContactStore & ChatStore & DirectoryStore & RoutingStore
    private let log: ChatLog
    private let routing: RoutingService
    private let bans: BanService
    private let hours: BusinessHoursService
    private let outbox: OutboxService
    private let limits: ChatLimits
    private let now: @Sendable () -> Date

    public init(
        store: any ChannelContactStore & ChatStore & DirectoryStore & RoutingStore, log: ChatLog, routing: RoutingService,
        bans: BanService, hours: BusinessHoursService, outbox: OutboxService, limits: ChatLimits, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.outbox = outbox
        self.hours = hours
        self.store = store
        self.log = log
        self.routing = routing
        self.bans = bans
        self.limits = limits
        self.now = now
    }

    /// Registers the contact (a visitor the first time) and opens a chat for it in the
    /// department, queued and routed like any chat; a chat the contact already has open is
    /// reused. Everything is checked before anything is stored, the department's hours too
    /// (`departmentClosed` with its calendar's message) unless the chat is reused.
    public func register(_ registration: ChannelRegistration) async throws -> ChannelRegistered {
        let contactID = try Self.contactID(registration.contactID)
        let name = try registration.name.flatMap { $0.isBlank ? nil : try Validate.name($0, limits: limits) }
        let urn = try registration.urn.flatMap {
            $0.isBlank ? nil : try Validate.label($0, field: .contactURN, characters: ChannelLimits.urnLength, bytes: ChannelLimits.urnLength)
        }
        let mongoID = try registration.mongoID.flatMap {
            $0.isBlank ? nil : try Validate.label(
                $0, field: .contactMongoID, characters: ChannelLimits.contactIDLength, bytes: ChannelLimits.contactIDLength
            )
        }
        let results = try Validate.formFields(registration.results, limits: limits)
        let context = try conversation(registration.recentConversation)
        let department = try await department(registration.department)
        var reusable: Chat?
        if let known = try await store.channelContact(uuid: contactID) {
            try await bans.check(visitor: known.visitorID, address: nil)
            reusable = try await openChat(of: known.visitorID)
        }
        if reusable == nil { try hours.requireOpen(department) }
        let date = now()
        let newVisitor = Visitor(
            id: VisitorID(IdentifierGenerator.shortHex()), name: name ?? "", email: "", profile: VisitorProfile(), createdAt: date
        )
        let contact = try await store.registerChannelContact(
            ChannelContact(uuid: contactID, visitorID: newVisitor.id, urn: urn, mongoID: mongoID, registeredAt: date), as: newVisitor
        )
        if let open = try await openChat(of: contact.visitorID) {
            return ChannelRegistered(contact: contact, chat: open, isNewChat: false)
        }
        let update = VisitorUpdate(name: name, formFields: results.isEmpty ? nil : results)
        let (chat, _) = try await log.create(
            for: .known(contact.visitorID, update), chatID: ChatID(IdentifierGenerator.shortHex()), departmentID: department.id,
            events: ChatTransitions.openFromChannel(context: context), at: date
        )
        try await routing.route(chat.departmentID)
        return ChannelRegistered(contact: contact, chat: chat, isNewChat: true)
    }

    /// The contact's line, in its open chat.
    @discardableResult
    public func post(_ text: String, from contactID: String) async throws -> ChatEvent {
        let text = try Validate.message(text, field: .messageText, limits: limits)
        let contact = try await contact(contactID)
        guard let chat = try await openChat(of: contact.visitorID) else { throw ChatError.noOpenChat(contact.visitorID) }
        let author = EventAuthor.visitor(contact.visitorID)
        return try await log.update(chat.id, at: now()) { chat in
            try ChatTransitions.send(text, clientMessageID: nil, in: chat, by: author, maxEvents: limits.maxChatEvents)
        }.lastEvent()
    }

    /// Sends texts (an agent's lines or files' addresses, from a desk outside Parley) to the
    /// contact through its channel.
    public func relay(_ texts: [String], to contactID: String) async throws {
        let texts = try texts.map { try Validate.message($0, field: .messageText, limits: limits) }
        let contact = try await contact(contactID)
        guard !texts.isEmpty else { return }
        // Through the RapidPro of the project its chat's department follows, as agents' lines go.
        var project: String?
        if let chat = try await store.currentChat(of: contact.visitorID) {
            project = try await store.department(chat.departmentID)?.calendar?.project
        }
        try await outbox.relay(texts: texts, to: contact, project: project)
    }

    /// Tells the contact's agents, in a note, that someone outside Parley took the chat.
    public func recordTakenElsewhere(contact contactID: String, by agentName: String?) async throws {
        let contact = try await contact(contactID)
        guard let chat = try await openChat(of: contact.visitorID) else { throw ChatError.noOpenChat(contact.visitorID) }
        let who = try agentName.flatMap { $0.isBlank ? nil : try Validate.name($0, limits: limits) } ?? "an agent"
        let note = "Taken by \(who) in an external desk."
        _ = try await log.update(chat.id, at: now()) { chat in
            guard chat.state != .ended else { throw ChatError.chatEnded(chat.id) }
            return ChatChange(events: [EventDraft(author: .system, body: .note(note))])
        }
    }

    /// Ends the contact's open chat, if it has one; answers the chat it ended.
    @discardableResult
    public func endChat(of contactID: String) async throws -> Chat? {
        let contact = try await contact(contactID)
        guard let open = try await openChat(of: contact.visitorID) else { return nil }
        let ended = try await log.update(open.id, at: now()) { chat in ChatTransitions.end(chat) }.chat
        try await routing.route(ended.departmentID)
        return ended
    }

    /// Ends the contact's open chat and forgets its link to the channel: the next
    /// registration of the same contact is a new visitor. The chats stay for agents' records.
    public func endSession(of contactID: String) async throws {
        try await endChat(of: contactID)
        guard try await store.forgetChannelContact(uuid: contactID) else { throw ChatError.channelContactNotFound(contactID) }
    }

    /// The registered contact, or `ChatError.channelContactNotFound`.
    public func contact(_ contactID: String) async throws -> ChannelContact {
        guard let contact = try await store.channelContact(uuid: contactID) else { throw ChatError.channelContactNotFound(contactID) }
        return contact
    }

    private func openChat(of visitor: VisitorID) async throws -> Chat? {
        guard let chat = try await store.currentChat(of: visitor), chat.state != .ended else { return nil }
        return chat
    }

    /// A department named by its exact name or, failing that, by its id.
    private func department(_ reference: String) async throws -> Department {
        let key = try Validate.label(reference, field: .department, characters: limits.maxNameLength, bytes: limits.maxNameBytes)
        if let named = try await store.departments().first(where: { $0.name == key }) { return named }
        guard let id = Int64(key).map({ DepartmentID($0) }), let department = try await store.department(id) else {
            throw ChatError.departmentNotNamed(key)
        }
        return department
    }

    private func conversation(_ lines: [String]) throws -> String? {
        guard lines.count <= ChannelLimits.recentConversationLines else {
            throw ChatError.invalidField(
                field: .recentConversation, reason: "may hold at most \(ChannelLimits.recentConversationLines) lines"
            )
        }
        let kept = try lines.map { try Validate.message($0, field: .recentConversation, limits: limits) }
        guard !kept.isEmpty else { return nil }
        return try Validate.message(
            "Recent conversation:\n" + kept.joined(separator: "\n"), field: .recentConversation, limits: limits
        )
    }

    private static func contactID(_ value: String) throws -> String {
        try Validate.label(value, field: .contactID, characters: ChannelLimits.contactIDLength, bytes: ChannelLimits.contactIDLength)
    }
}

extension String {
    fileprivate var isBlank: Bool { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}
