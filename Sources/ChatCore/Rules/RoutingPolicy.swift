import Foundation

/// How chats are handed out, server-wide.
public struct RoutingSettings: Sendable, Equatable {
    /// Concurrent chats per agent when neither the agent nor its department sets a limit.
    public var defaultMaxChats = 3
    /// How long an offer waits for its agent before it goes to the next one.
    public var offerTimeout: Duration = .seconds(20)
    /// Whether an agent who lets an offer time out is set away (so it gets no more offers).
    public var awayOnMissedOffer = true

    public init() {}

    public var capacity: CapacityRule {
        CapacityRule(defaultMaxChats: defaultMaxChats)
    }
}

/// The pure rule that pairs waiting chats with agents: every decision is a function of the
/// snapshot, so it can be tested without storage and replayed under a lock.
public enum RoutingPolicy {
    /// Offers for the waiting chats, oldest first, each to the best eligible agent (online,
    /// below capacity): the least busy, ties to the one idle longest; or, in round robin,
    /// the one idle longest whatever its load. An agent who declined a chat or let its offer
    /// time out gets it again only when no other agent can take it, and not within
    /// `coolDown` of passing; until then the chat waits. Chats left over wait for capacity.
    public static func offers(for snapshot: RoutingSnapshot, at date: Date, coolDown: Duration) -> [(ChatID, AgentID)] {
        var candidates = snapshot.candidates
        var offers: [(ChatID, AgentID)] = []
        for chat in snapshot.waiting {
            let eligible = candidates.indices.filter { candidates[$0].load < candidates[$0].capacity }
            guard !eligible.isEmpty else { break }
            let passes = snapshot.passedOver[chat.id] ?? [:]
            let fresh = eligible.filter { passes[candidates[$0].agentID] == nil }
            let pool = fresh.isEmpty ? eligible.filter { passes[candidates[$0].agentID].map { $0.adding(coolDown) <= date } ?? true } : fresh
            guard let chosen = pool.min(by: { better(candidates[$0], than: candidates[$1], mode: snapshot.department.routingMode) }) else {
                continue
            }
            offers.append((chat.id, candidates[chosen].agentID))
            candidates[chosen].load += 1
            candidates[chosen].lastRoutedAt = date
        }
        return offers
    }

    private static func better(_ a: RoutingCandidate, than b: RoutingCandidate, mode: RoutingMode) -> Bool {
        let idleA = a.lastRoutedAt ?? .distantPast
        let idleB = b.lastRoutedAt ?? .distantPast
        switch mode {
        case .leastBusy:
            if a.load != b.load { return a.load < b.load }
        case .roundRobin:
            break
        }
        if idleA != idleB { return idleA < idleB }
        return a.agentID.rawValue < b.agentID.rawValue
    }
}
