import Synchronization

/// How many feeds (long-polls and WebSockets, of every face) one caller may hold open.
public struct FeedLimits: Sendable, Equatable {
    /// Per session: a newer feed replaces the session's oldest.
    public var perSession = 10
    /// Per client address: a feed beyond it is refused. Offices share an address, so it is generous.
    public var perAddress = 200

    public init() {}
}

/// A feed the registry holds open; give it back with `FeedRegistry.close`.
public struct FeedTicket: Sendable, Hashable {
    fileprivate let id: Int
}

/// The caller's address already holds as many feeds as it may.
public struct TooManyFeeds: Error, Sendable, Equatable {
    public let limit: Int
}

/// The feeds open on this instance, counted per session and per client address, so that one
/// token or one address cannot hold the server's connections and memory.
public final class FeedRegistry: Sendable {
    private struct Entry {
        let session: SessionID
        let address: String
        let replace: @Sendable () -> Void
    }

    private struct State {
        var entries: [Int: Entry] = [:]
        /// Each session's open feeds, oldest first.
        var bySession: [SessionID: [Int]] = [:]
        var perAddress: [String: Int] = [:]
        var nextID = 0
    }

    private let limits: FeedLimits
    private let state = Mutex(State())

    public init(limits: FeedLimits) {
        self.limits = limits
    }

    /// Opens a feed for `session` from `address`. When the session already holds its limit, its
    /// oldest feed is dropped from the count and told to end through its `replace`; when the
    /// address holds its limit, the new feed is refused.
    public func open(session: SessionID, address: String, replace: @escaping @Sendable () -> Void) throws(TooManyFeeds) -> FeedTicket {
        let (ticket, replaced) = state.withLock { state -> (FeedTicket?, [Entry]) in
            guard state.perAddress[address, default: 0] < limits.perAddress else { return (nil, []) }
            var replaced: [Entry] = []
            while state.bySession[session, default: []].count >= limits.perSession, let oldest = state.bySession[session]?.first {
                if let entry = Self.remove(oldest, from: &state) { replaced.append(entry) }
            }
            let id = state.nextID
            state.nextID += 1
            state.entries[id] = Entry(session: session, address: address, replace: replace)
            state.bySession[session, default: []].append(id)
            state.perAddress[address, default: 0] += 1
            return (FeedTicket(id: id), replaced)
        }
        // Outside the lock: ending a feed may take it.
        replaced.forEach { $0.replace() }
        guard let ticket else { throw TooManyFeeds(limit: limits.perAddress) }
        return ticket
    }

    /// Gives the feed's place back; closing a replaced feed again does nothing.
    public func close(_ ticket: FeedTicket) {
        state.withLock { _ = Self.remove(ticket.id, from: &$0) }
    }

    /// How many feeds are open on this instance; for diagnostics and tests.
    public var openCount: Int {
        state.withLock { $0.entries.count }
    }

    private static func remove(_ id: Int, from state: inout State) -> Entry? {
        guard let entry = state.entries.removeValue(forKey: id) else { return nil }
        state.bySession[entry.session]?.removeAll { $0 == id }
        if state.bySession[entry.session]?.isEmpty == true { state.bySession[entry.session] = nil }
        state.perAddress[entry.address, default: 1] -= 1
        if state.perAddress[entry.address] == 0 { state.perAddress[entry.address] = nil }
        return entry
    }
}

/// A feed's place in the registry, given back once (explicitly, or when the feed is dropped).
final class FeedLease: Sendable {
    private let registry: FeedRegistry
    private let ticket: FeedTicket

    init(_ registry: FeedRegistry, _ ticket: FeedTicket) {
        self.registry = registry
        self.ticket = ticket
    }

    func end() {
        registry.close(ticket)
    }

    deinit {
        registry.close(ticket)
    }
}
