import Foundation

/// One answer of a sync: the events after the caller's cursor, live typing notices, and the
/// cursor to resume from next time.
public struct FeedBatch: Sendable, Equatable {
    public var events: [ChatEvent]
    public var typing: [TypingNotice] = []
    public var presence: [PresenceNotice] = []
    public var cursor: EventCursor
}

/// An item of a live feed.
public enum FeedItem: Sendable, Equatable {
    case event(ChatEvent)
    case typing(TypingNotice)
    case presence(PresenceNotice)
}

/// Every new event across all the chats a caller may see, from a cursor on: by long-poll
/// (`sync`) or as a live stream (`live`). Both read the store from the caller's cursor, so
/// a reader that resumes from the last cursor it saw misses nothing and sees nothing twice.
/// Waiting readers sleep on the event bus; none polls the database.
public struct EventFeed: Sendable {
    private let store: any ParleyStore
    private let bus: any EventBus
    private let limits: ChatLimits
    private let sightings: VisitorSightings
    private let now: @Sendable () -> Date

    public init(store: any ParleyStore, bus: any EventBus, limits: ChatLimits, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.bus = bus
        self.limits = limits
        self.now = now
        // Often enough that a present visitor is never taken for gone.
        let timeout = Double(limits.visitorInactivityTimeout.components.seconds)
        sightings = VisitorSightings(interval: min(30, timeout / 4))
    }

    /// A visitor reading its feed is present: its chat is not abandoned.
    private func noteVisitorPresent(_ principal: Principal) async throws {
        guard case .visitor(_, let chat) = principal.role else { return }
        let date = now()
        if sightings.shouldRecord(chat, at: date) {
            try await store.visitorSeen(in: chat, at: date)
        }
    }

    /// The newest cursor, for a reader that wants only what happens from now on.
    public func latestCursor() async throws -> EventCursor {
        try await store.latestCursor()
    }

    /// Answers at once with the events after `cursor` if there are any; otherwise waits until
    /// one is committed, someone types, `timeout` passes or the calling task is cancelled.
    /// With `chat`, only that chat's events (which the principal must be allowed to see).
    public func sync(
        for principal: Principal, in chat: ChatID? = nil, after cursor: EventCursor, limit: Int, timeout: Duration
    ) async throws -> FeedBatch {
        let limit = try Validate.pageSize(limit, limits: limits)
        let scope = try await scope(of: principal, narrowedTo: chat)
        try await noteVisitorPresent(principal)
        // Listen before reading, so an event committed between the read and the wait still wakes us.
        let listener = bus.listen(to: scope)
        let events = try await store.events(after: cursor, in: scope, limit: limit)
        if !events.isEmpty || timeout <= .zero {
            return FeedBatch(events: Self.visible(events, to: principal), cursor: events.last?.cursor ?? cursor)
        }
        let timer = listener.wake(after: timeout)
        defer { timer.cancel() }
        for await signal in listener.signals {
            switch signal {
            case .timeout:
                return FeedBatch(events: [], cursor: cursor)
            case .notice(.typing(let typing)):
                return FeedBatch(events: [], typing: [typing], cursor: cursor)
            case .notice(.presence(let presence)):
                return FeedBatch(events: [], presence: [presence], cursor: cursor)
            case .notice(.appended(_, let upTo)) where upTo > cursor:
                let events = try await store.events(after: cursor, in: scope, limit: limit)
                if !events.isEmpty {
                    return FeedBatch(events: Self.visible(events, to: principal), cursor: events.last?.cursor ?? cursor)
                }
            case .notice(.appended):
                continue
            }
        }
        // Cancelled (the server is shutting down): answer now, empty, so the client can come back.
        return FeedBatch(events: [], cursor: cursor)
    }

    /// Like `sync`, for clients that keep no cursor: the server remembers, per session and
    /// chat, the cursor of the last answer it gave, and starts the next sync there.
    /// An explicit `cursor` overrides the remembered one.
    public func syncFromSavedPosition(
        for principal: Principal, in chat: ChatID?, cursor explicit: EventCursor?, limit: Int, timeout: Duration
    ) async throws -> FeedBatch {
        let scopeKey = chat.map { "chat:\($0.rawValue)" } ?? "all"
        let saved = try await store.feedPosition(of: principal.session, scope: scopeKey)
        let start = explicit ?? saved ?? .start
        let batch = try await sync(for: principal, in: chat, after: start, limit: limit, timeout: timeout)
        if batch.cursor != saved {
            try await store.setFeedPosition(batch.cursor, of: principal.session, scope: scopeKey)
        }
        return batch
    }

    /// Every event after `cursor`, then every new event and typing notice as they happen,
    /// until the caller stops iterating.
    public func live(for principal: Principal, after cursor: EventCursor) -> AsyncThrowingStream<FeedItem, any Error> {
        let scope = ChatAccess.scope(of: principal)
        let listener = bus.listen(to: scope)
        let pageSize = limits.maxPageSize
        let store = self.store
        return AsyncThrowingStream { continuation in
            // An open feed keeps its visitor present for as long as it stays open.
            let presence = Task {
                while !Task.isCancelled {
                    try? await noteVisitorPresent(principal)
                    try? await Task.sleep(for: .seconds(15))
                }
            }
            let task = Task {
                var position = cursor
                func catchUp() async throws {
                    while true {
                        let events = try await store.events(after: position, in: scope, limit: pageSize)
                        for event in Self.visible(events, to: principal) { continuation.yield(.event(event)) }
                        position = events.last?.cursor ?? position
                        if events.count < pageSize { return }
                    }
                }
                do {
                    try await catchUp()
                    for await signal in listener.signals {
                        switch signal {
                        case .notice(.appended(_, let upTo)) where upTo > position: try await catchUp()
                        case .notice(.typing(let typing)): continuation.yield(.typing(typing))
                        case .notice(.presence(let presence)): continuation.yield(.presence(presence))
                        case .notice(.appended), .timeout: continue
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in
                task.cancel()
                presence.cancel()
            }
        }
    }

    private func scope(of principal: Principal, narrowedTo chat: ChatID?) async throws -> EventScope {
        guard let chat else { return ChatAccess.scope(of: principal) }
        _ = try await ChatAccess(store: store).visibleChat(chat, to: principal)
        return .chat(chat)
    }

    /// Visitors do not see the events meant for agents (offers and their withdrawal).
    static func visible(_ events: [ChatEvent], to principal: Principal) -> [ChatEvent] {
        guard case .visitor = principal.role else { return events }
        return events.filter { !$0.body.isForAgentsOnly }
    }
}
