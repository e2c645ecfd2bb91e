import Foundation

/// One reader's live feed: the events after its cursor, then each new event, typing and
/// presence notice as it happens. It is pulled, not pushed: the iterator reads the next page
/// of the store only when the reader asks for the next item after taking the previous page,
/// and otherwise waits on the bus. A reader that stops reading therefore stops the reads,
/// and an open feed holds at most one page in memory, whatever the size of its backlog.
public struct LiveFeed: AsyncSequence, Sendable {
    public typealias Element = FeedItem

    /// Keeps a visitor present while its feed stays open.
    struct Presence: Sendable {
        let interval: Duration
        let note: @Sendable () async -> Void
    }

    let principal: Principal
    let scope: EventScope
    let start: EventCursor
    let listener: EventListener
    let store: any ChatStore & VisitorStore
    let pageSize: Int
    let presence: Presence?
    let lease: FeedLease
    let visitorWatch: VisitorWatch?

    /// Gives the feed's place in the registry back, once the reader is done with it; dropping
    /// the feed does too.
    public func end() {
        lease.end()
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(feed: self)
    }

    /// Reads on demand. Iterate it from one task.
    public struct Iterator: AsyncIteratorProtocol {
        private let feed: LiveFeed
        private var position: EventCursor
        private var page: [ChatEvent] = []
        private var taken = 0
        /// Whether the store may hold events after `position`: at the start, after a full
        /// page, and whenever the bus announces an event past it.
        private var behind = true
        /// The visitor revision read up to, for a feed following visitors, and whether the
        /// store may hold newer changes. Changes are read from the store, so a burst of them
        /// costs the reader one page per wake, each visitor once.
        private var visitorWatch: VisitorWatch?
        private var visitorsBehind: Bool
        private var signals: AsyncStream<ListenerSignal>.Iterator
        private let presenceTimer = TimerSlot()
        private var isStarted = false

        init(feed: LiveFeed) {
            self.feed = feed
            position = feed.start
            visitorWatch = feed.visitorWatch
            visitorsBehind = feed.visitorWatch != nil
            signals = feed.listener.signals.makeAsyncIterator()
            if let presence = feed.presence {
                presenceTimer.replace(with: feed.listener.wake(after: presence.interval))
            }
        }

        /// The next item, or nil once the calling task is cancelled. Throws `FeedEnding` when
        /// the reader's session is revoked or its rights change, and the store's errors.
        public mutating func next() async throws -> FeedItem? {
            if !isStarted {
                isStarted = true
                await feed.presence?.note()
            }
            while true {
                if taken < page.count {
                    taken += 1
                    return .event(page[taken - 1])
                }
                if behind {
                    try await readPage()
                    continue
                }
                if visitorsBehind, var watch = visitorWatch {
                    let changed = try await watch.changes(in: feed.store)
                    visitorsBehind = changed.count == watch.pageSize
                    if let last = changed.last {
                        watch.after = last.revision
                        visitorWatch = watch
                        return .visitors(changed, revision: last.revision)
                    }
                    continue
                }
                guard let signal = await signals.next() else { return nil }
                switch signal {
                case .notice(.appended(_, let upTo)):
                    if upTo > position { behind = true }
                case .notice(.typing(let typing)):
                    return .typing(typing)
                case .notice(.presence(let presence)):
                    return .presence(presence)
                case .notice(.visitorChanged):
                    if visitorWatch != nil { visitorsBehind = true }
                case .notice(.access(let change)):
                    if let ending = change.ending(feedOf: feed.principal) { throw ending }
                case .replaced:
                    throw FeedEnding.replaced
                case .timeout:
                    guard let presence = feed.presence else { continue }
                    await presence.note()
                    presenceTimer.replace(with: feed.listener.wake(after: presence.interval))
                }
            }
        }

        private mutating func readPage() async throws {
            let events = try await MessageAmendments(store: feed.store).fold(
                try await feed.store.events(after: position, in: feed.scope, limit: feed.pageSize)
            )
            position = events.last?.cursor ?? position
            behind = events.count == feed.pageSize
            page = EventFeed.visible(events, to: feed.principal)
            taken = 0
        }
    }
}

/// The pending wake-up of an iterator, cancelled when the iterator goes away so a dropped
/// feed leaves no timer behind.
private final class TimerSlot {
    private var task: Task<Void, Never>?

    func replace(with next: Task<Void, Never>) {
        task?.cancel()
        task = next
    }

    deinit {
        task?.cancel()
    }
}
