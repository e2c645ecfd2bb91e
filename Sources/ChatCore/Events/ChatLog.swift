import Foundation

/// Something that reacts to what chats commit (webhooks, a channel outbox, metrics).
public protocol ChatLogObserver: Sendable {
    /// Called after each commit that appended events, with the chat as committed and the
    /// events in their order; never for a change that appended nothing or a replayed message.
    /// The write waits for it, so it must be quick: work that may be slow or must survive a
    /// restart keeps its own position in the log and reads from the store.
    func committed(_ events: [ChatEvent], to chat: Chat) async
}

/// The one way chats change: every write commits through the store, then announces the
/// committed events on the bus and hands them to each observer. The rules deciding a change
/// are `ChatTransitions`; the services pass them in, and no service announces anything itself.
public struct ChatLog: Sendable {
    private let store: any ChatStore & RoutingStore & AttachmentStore
    private let bus: any EventBus
    private let observers: [any ChatLogObserver]

    public init(store: any ChatStore & RoutingStore & AttachmentStore, bus: any EventBus, observers: [any ChatLogObserver] = []) {
        self.store = store
        self.bus = bus
        self.observers = observers
    }

    /// Stores a new chat with its visitor, opening events and the visitor's session (see `ChatStore.createChat`).
    public func create(
        for visitor: ChatVisitor, chatID: ChatID, departmentID: DepartmentID, events: [EventDraft], at date: Date
    ) async throws -> (Chat, [ChatEvent]) {
        let (chat, committed) = try await store.createChat(
            for: visitor, chatID: chatID, departmentID: departmentID, events: events, at: date
        )
        await announce(committed, to: chat)
        return (chat, committed)
    }

    /// Changes one chat as `decide` says (see `ChatStore.updateChat`); a replay announces nothing.
    public func update(
        _ id: ChatID, replaying key: ClientMessageKey? = nil, at date: Date, _ decide: @Sendable (Chat) throws -> ChatChange
    ) async throws -> ChatUpdate {
        let update = try await store.updateChat(id, replaying: key, at: date, decide)
        if case .applied(let chat, let events) = update {
            await announce(events, to: chat)
        }
        return update
    }

    /// Stores a file with the event that carries it, as `decide` says (see `AttachmentStore.appendAttachment`).
    public func attach(
        _ attachment: Attachment, bytes: Data, by uploader: EventAuthor, to id: ChatID, replaying key: ClientMessageKey?, at date: Date,
        _ decide: @Sendable (Chat) throws -> ChatChange
    ) async throws -> ChatUpdate {
        let update = try await store.appendAttachment(attachment, bytes: bytes, by: uploader, to: id, replaying: key, at: date, decide)
        if case .applied(let chat, let events) = update {
            await announce(events, to: chat)
        }
        return update
    }

    /// An agent takes a chat as `decide` says, given its load (see `RoutingStore.acceptChat`).
    public func accept(
        _ id: ChatID, by agent: AgentID, at date: Date, _ decide: @Sendable (Chat, Int) throws -> ChatChange
    ) async throws -> (Chat, [ChatEvent]) {
        let (chat, events) = try await store.acceptChat(id, by: agent, at: date, decide)
        await announce(events, to: chat)
        return (chat, events)
    }

    /// Offers a department's waiting chats to the agents `decide` picks (see `RoutingStore.routeDepartment`).
    public func route(
        _ department: DepartmentID, capacity: CapacityRule, at date: Date,
        _ decide: @Sendable (RoutingSnapshot) -> [(ChatID, AgentID)]
    ) async throws -> [(Chat, [ChatEvent])] {
        let offered = try await store.routeDepartment(department, capacity: capacity, at: date, decide)
        for (chat, events) in offered {
            await announce(events, to: chat)
        }
        return offered
    }

    /// Readers are woken by cursor (they fetch what they missed from the store), so the bus
    /// hears only the newest cursor; observers get the events themselves.
    private func announce(_ events: [ChatEvent], to chat: Chat) async {
        guard let last = events.last else { return }
        await bus.publish(.appended(ChatAddress(chat), upTo: last.cursor))
        if events.contains(where: \.changesWhatTheVisitorIsDoing) {
            await bus.publish(.visitorChanged(chat.visitorID))
        }
        for observer in observers {
            await observer.committed(events, to: chat)
        }
    }
}

extension ChatEvent {
    /// Whether the event moves the chat's visitor to another status (the store raised the
    /// visitor's revision with it).
    fileprivate var changesWhatTheVisitorIsDoing: Bool {
        switch body {
        case .stateChanged, .joined: true
        default: false
        }
    }
}

extension ChatUpdate {
    /// The chat as the update left it.
    public var chat: Chat {
        switch self {
        case .applied(let chat, _), .replayed(let chat, _): chat
        }
    }

    /// The newest event the update wrote or replayed; for writes that always write one.
    func lastEvent() throws -> ChatEvent {
        switch self {
        case .applied(_, let events):
            guard let event = events.last else { throw ChatError.storageUnavailable }
            return event
        case .replayed(_, let event): return event
        }
    }
}
