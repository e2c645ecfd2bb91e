import Foundation

/// One answer of a sync: the events after the caller's cursor, live typing notices, and the
/// cursor to resume from next time.
public struct FeedBatch: Sendable, Equatable {
    public var events: [ChatEvent]
    public var typing: [TypingNotice] = []
    public var presence: [PresenceNotice] = []
    public var cursor: EventCursor
    /// For a reader following visitors: those changed after its visitor revision, each once,
    /// as they are now, and the revision to resume from.
    public var visitors: [VisitorRecord] = []
    public var visitorRevision: Int64?
}

/// An item of a live feed.
public enum FeedItem: Sendable, Equatable {
    case event(ChatEvent)
    case typing(TypingNotice)
    case presence(PresenceNotice)
    /// Visitors that changed (for a reader following visitors), up to `revision`.
    case visitors([VisitorRecord], revision: Int64)
}

/// Which visitors' changes a reader follows, from which revision: agents follow every
/// visitor, a visitor follows itself (its invitations). Each answer holds at most `pageSize`.
struct VisitorWatch: Sendable {
    var after: Int64
    let only: VisitorID?
    let pageSize: Int

    init?(after revision: Int64?, for principal: Principal, pageSize: Int) {
        guard let revision else { return nil }
        after = revision
        only = principal.visitorID
        self.pageSize = pageSize
    }

    func changes(in store: any VisitorStore) async throws -> [VisitorRecord] {
        try await store.visitorChanges(after: after, of: only, limit: pageSize)
    }
}

/// Every new event across all the chats a caller may see, from a cursor on: by long-poll
/// (`sync`) or as a live sequence (`live`). Both read the store from the caller's cursor, so
/// a reader that resumes from the last cursor it saw misses nothing and sees nothing twice.
/// Waiting readers sleep on the event bus; none polls the database. Every open feed, from the
/// moment it listens, holds a place in the `FeedRegistry` (per session and client address).
public struct EventFeed: Sendable {
    private let store: any ChatStore & VisitorStore & SessionStore
    private let bus: any EventBus
    private let limits: ChatLimits
    private let feeds: FeedRegistry
    private let sightings: VisitorSightings
    private let now: @Sendable () -> Date
    private var amendments: MessageAmendments { MessageAmendments(store: store) }

    public init(
        store: any ChatStore & VisitorStore & SessionStore, bus: any EventBus, limits: ChatLimits, feeds: FeedRegistry,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.bus = bus
        self.limits = limits
        self.feeds = feeds
        self.now = now
        // Often enough that a present visitor is never taken for gone.
        let timeout = Double(limits.visitorInactivityTimeout.components.seconds)
        sightings = VisitorSightings(interval: min(30, timeout / 4))
    }

    /// A visitor reading its feed is present: on the site, and its chat is not abandoned.
    private func noteVisitorPresent(_ principal: Principal) async throws {
        guard let visitor = principal.visitorID else { return }
        let date = now()
        if sightings.shouldRecord(visitor, at: date) {
            try await store.visitorSeen(visitor, at: date, preChat: nil)
        }
    }

    /// The newest cursor, for a reader that wants only what happens from now on.
    public func latestCursor() async throws -> EventCursor {
        try await store.latestCursor()
    }

    /// Answers at once with the events after `cursor` if there are any; otherwise waits until
    /// one is committed, someone types, `timeout` passes or the calling task is cancelled.
    /// With `chat`, only that chat's events (which the principal must be allowed to see).
    /// A wait also ends, empty, when the caller's session or rights change or a newer feed
    /// of its session replaces it. Throws `TooManyFeeds` when `origin` (the client's address)
    /// holds too many feeds.
    /// With `visitorsAfter` (a visitor revision), the answer also carries the visitors changed
    /// since, and a change wakes the wait (see `VisitorWatch`).
    public func sync(
        for principal: Principal, in chat: ChatID? = nil, after cursor: EventCursor, visitorsAfter: Int64? = nil, limit: Int,
        timeout: Duration, from origin: String
    ) async throws -> FeedBatch {
        let limit = try Validate.pageSize(limit, limits: limits)
        let scope = try await scope(of: principal, narrowedTo: chat)
        // A feed narrowed to one chat follows no visitors.
        let watch = chat == nil ? VisitorWatch(after: visitorsAfter, for: principal, pageSize: min(limit, 100)) : nil
        try await noteVisitorPresent(principal)
        // Listen before reading, so an event committed between the read and the wait still wakes us.
        let listener = bus.listen(to: scope)
        let ticket = try feeds.open(session: principal.session, address: origin) { listener.replace() }
        defer { feeds.close(ticket) }
        let events = try await amendments.fold(try await store.events(after: cursor, in: scope, limit: limit))
        let visitors = try await watch?.changes(in: store) ?? []
        if !events.isEmpty || !visitors.isEmpty || timeout <= .zero {
            return Self.batch(events, after: cursor, visitors: visitors, watch: watch, for: principal)
        }
        let timer = listener.wake(after: timeout)
        defer { timer.cancel() }
        let empty = Self.batch([], after: cursor, visitors: [], watch: watch, for: principal)
        for await signal in listener.signals {
            switch signal {
            case .timeout, .replaced:
                return empty
            case .notice(.typing(let typing)):
                return FeedBatch(events: [], typing: [typing], cursor: cursor, visitorRevision: watch?.after)
            case .notice(.presence(let presence)):
                return FeedBatch(events: [], presence: [presence], cursor: cursor, visitorRevision: watch?.after)
            case .notice(.appended(_, let upTo)) where upTo > cursor:
                let events = try await amendments.fold(try await store.events(after: cursor, in: scope, limit: limit))
                if !events.isEmpty {
                    return Self.batch(events, after: cursor, visitors: [], watch: watch, for: principal)
                }
            case .notice(.appended):
                continue
            case .notice(.visitorChanged):
                guard let watch else { continue }
                let visitors = try await watch.changes(in: store)
                if !visitors.isEmpty {
                    return Self.batch([], after: cursor, visitors: visitors, watch: watch, for: principal)
                }
            case .notice(.access(let change)):
                // Answer now: the next poll authenticates afresh, with the caller's current rights.
                if change.ending(feedOf: principal) != nil { return empty }
            }
        }
        // Cancelled (the server is shutting down): answer now, empty, so the client can come back.
        return empty
    }

    private static func batch(
        _ events: [ChatEvent], after cursor: EventCursor, visitors: [VisitorRecord], watch: VisitorWatch?, for principal: Principal
    ) -> FeedBatch {
        FeedBatch(
            events: visible(events, to: principal), cursor: events.last?.cursor ?? cursor,
            visitors: visitors, visitorRevision: watch.map { visitors.last?.revision ?? $0.after }
        )
    }

    /// The newest visitor revision, for a reader that wants only the visitor changes from now on.
    public func latestVisitorRevision() async throws -> Int64 {
        try await store.latestVisitorRevision()
    }

    /// Like `sync`, for clients that keep no cursor: the server remembers, per session and
    /// chat, the cursor of the last answer it gave, and starts the next sync there.
    /// An explicit `cursor` overrides the remembered one.
    public func syncFromSavedPosition(
        for principal: Principal, in chat: ChatID?, cursor explicit: EventCursor?, limit: Int, timeout: Duration,
        from origin: String
    ) async throws -> FeedBatch {
        let scopeKey = chat.map { "chat:\($0.rawValue)" } ?? "all"
        let saved = try await store.feedPosition(of: principal.session, scope: scopeKey)
        let start = explicit ?? saved ?? .start
        let batch = try await sync(for: principal, in: chat, after: start, limit: limit, timeout: timeout, from: origin)
        if batch.cursor != saved {
            try await store.setFeedPosition(batch.cursor, of: principal.session, scope: scopeKey)
        }
        return batch
    }

    /// Every event after `cursor`, then every new event and typing notice as they happen,
    /// until the caller stops iterating. The feed reads the store only when the caller asks
    /// for more, so a reader that cannot keep up holds back the reads instead of filling memory.
    /// It throws `FeedEnding` when the reader's session is revoked, its rights change or a
    /// newer feed of its session replaces it. Throws `TooManyFeeds` at once when `origin`
    /// (the client's address) holds too many feeds.
    /// With `visitorsAfter`, the feed also yields the visitors changed since that revision, then
    /// each change as it happens (see `VisitorWatch`).
    public func live(
        for principal: Principal, after cursor: EventCursor, visitorsAfter: Int64? = nil, from origin: String
    ) throws -> LiveFeed {
        let scope = ChatAccess.scope(of: principal)
        // Listen before the first read, so an event committed in between still wakes the feed.
        let listener = bus.listen(to: scope)
        let ticket = try feeds.open(session: principal.session, address: origin) { listener.replace() }
        let presence: LiveFeed.Presence?
        if case .visitor = principal.role {
            // An open feed keeps its visitor present for as long as it stays open.
            presence = LiveFeed.Presence(interval: .seconds(15)) { try? await noteVisitorPresent(principal) }
        } else {
            presence = nil
        }
        // Small pages: a reader that stops reading holds one of them in memory.
        return LiveFeed(
            principal: principal, scope: scope, start: cursor, listener: listener, store: store,
            pageSize: min(limits.maxPageSize, 100), presence: presence, lease: FeedLease(feeds, ticket),
            visitorWatch: VisitorWatch(after: visitorsAfter, for: principal, pageSize: 50)
        )
    }

    /// Whether the two principals read the same chats: a feed opened as one serves the other.
    public static func readTheSame(_ first: Principal, _ second: Principal) -> Bool {
        first.session == second.session && ChatAccess.scope(of: first) == ChatAccess.scope(of: second)
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
