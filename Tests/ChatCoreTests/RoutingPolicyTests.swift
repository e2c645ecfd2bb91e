import ChatCore
import Foundation
import Testing

@Suite("Routing policy", .timeLimit(.minutes(3)))
struct RoutingPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func chat(_ number: Int64) -> Chat {
        Chat(id: ChatID("c\(number)"), number: number, departmentID: DepartmentID(1), visitorID: VisitorID("v\(number)"),
             state: .queued, agentID: nil, nextEventID: 2, createdAt: now, updatedAt: now)
    }

    static func snapshot(_ mode: RoutingMode = .leastBusy, chats: Int, _ candidates: [RoutingCandidate]) -> RoutingSnapshot {
        RoutingSnapshot(
            department: Department(id: DepartmentID(1), name: "Sales", createdAt: now, routingMode: mode),
            waiting: (1...Int64(chats)).map(chat), candidates: candidates
        )
    }

    static func agent(_ name: String, load: Int, capacity: Int = 3, idleSince: TimeInterval? = nil) -> RoutingCandidate {
        RoutingCandidate(agentID: AgentID(name), load: load, capacity: capacity, lastRoutedAt: idleSince.map { now.addingTimeInterval($0) })
    }

    @Test func theLeastBusyAgentGetsTheChatAndTiesGoToTheLongestIdle() {
        let offers = RoutingPolicy.offers(for: Self.snapshot(chats: 3, [
            Self.agent("busy", load: 2, idleSince: -1000),
            Self.agent("recent", load: 0, idleSince: -10),
            Self.agent("idle", load: 0, idleSince: -500),
        ]), at: Self.now, coolDown: .seconds(20))
        #expect(offers.map(\.1.rawValue) == ["idle", "recent", "idle"])
    }

    @Test func roundRobinIgnoresLoad() {
        let offers = RoutingPolicy.offers(for: Self.snapshot(.roundRobin, chats: 3, [
            Self.agent("a", load: 2, capacity: 5, idleSince: -1000),
            Self.agent("b", load: 0, idleSince: -10),
        ]), at: Self.now, coolDown: .seconds(20))
        #expect(offers.map(\.1.rawValue) == ["a", "b", "a"])
    }

    @Test func capacityIsNeverExceededAndTheRestWait() {
        let offers = RoutingPolicy.offers(for: Self.snapshot(chats: 5, [
            Self.agent("a", load: 1, capacity: 2),
            Self.agent("b", load: 0, capacity: 1),
        ]), at: Self.now, coolDown: .seconds(20))
        #expect(offers.count == 2)
        #expect(Set(offers.map(\.1.rawValue)) == ["a", "b"])
        #expect(offers.map(\.0.rawValue) == ["c1", "c2"], "the oldest chats go first")
        #expect(RoutingPolicy.offers(for: Self.snapshot(chats: 2, []), at: Self.now, coolDown: .seconds(20)).isEmpty)
    }

    @Test func anAgentWhoPassedOnAChatGetsItBackOnlyWhenNobodyElseCanAndNotAtOnce() {
        var snapshot = Self.snapshot(chats: 2, [Self.agent("ann", load: 0, idleSince: -1000), Self.agent("bob", load: 1, idleSince: -10)])
        snapshot.passedOver = [ChatID("c1"): [AgentID("ann"): Self.now.addingTimeInterval(-5)]]
        let coolDown = Duration.seconds(20)
        #expect(RoutingPolicy.offers(for: snapshot, at: Self.now, coolDown: coolDown).map { "\($0.0):\($0.1)" } == ["c1:bob", "c2:ann"],
                "ann declined c1, so the busier bob gets it")

        snapshot.candidates = [Self.agent("ann", load: 0)]
        #expect(RoutingPolicy.offers(for: snapshot, at: Self.now, coolDown: coolDown).map { "\($0.0):\($0.1)" } == ["c2:ann"],
                "c1 waits rather than ringing ann again at once, and does not hold up c2")
        #expect(RoutingPolicy.offers(for: snapshot, at: Self.now.addingTimeInterval(20), coolDown: coolDown).map { "\($0.0):\($0.1)" }
                == ["c1:ann", "c2:ann"], "after the cool-down, the only agent gets it again rather than nobody")
    }

    @Test(arguments: 1...20)
    func randomSnapshotsRespectCapacityAndOrder(_ seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let candidates = (0..<Int.random(in: 0...5, using: &generator)).map { index in
            let capacity = Int.random(in: 1...4, using: &generator)
            return Self.agent("a\(index)", load: Int.random(in: 0...capacity, using: &generator), capacity: capacity,
                              idleSince: Double.random(in: -1000...0, using: &generator))
        }
        let snapshot = Self.snapshot(chats: Int.random(in: 1...12, using: &generator), candidates)
        let offers = RoutingPolicy.offers(for: snapshot, at: Self.now, coolDown: .seconds(20))
        let free = candidates.reduce(0) { $0 + max(0, $1.capacity - $1.load) }
        #expect(offers.count == min(free, snapshot.waiting.count), "every free place is used while chats wait")
        for candidate in candidates {
            let given = offers.filter { $0.1 == candidate.agentID }.count
            #expect(candidate.load + given <= candidate.capacity)
        }
        #expect(offers.map(\.0) == Array(snapshot.waiting.prefix(offers.count).map(\.id)))
    }
}

/// A deterministic generator for property tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
