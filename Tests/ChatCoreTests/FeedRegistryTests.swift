import ChatCore
import Synchronization
import Testing

@Suite("Open feeds per session and address")
struct FeedRegistryTests {
    final class Replaced: Sendable {
        private let names = Mutex<[String]>([])
        func note(_ name: String) { names.withLock { $0.append(name) } }
        var all: [String] { names.withLock { $0 } }
    }

    static func limits(session: Int, address: Int) -> FeedLimits {
        var limits = FeedLimits()
        limits.perSession = session
        limits.perAddress = address
        return limits
    }

    @Test func theNewestFeedOfASessionReplacesItsOldest() throws {
        let registry = FeedRegistry(limits: Self.limits(session: 2, address: 100))
        let replaced = Replaced()
        let first = try registry.open(session: SessionID("s1"), address: "a") { replaced.note("first") }
        _ = try registry.open(session: SessionID("s1"), address: "a") { replaced.note("second") }
        _ = try registry.open(session: SessionID("s2"), address: "a") { replaced.note("other") }
        _ = try registry.open(session: SessionID("s1"), address: "a") { replaced.note("third") }
        #expect(replaced.all == ["first"])
        #expect(registry.openCount == 3)
        registry.close(first)
        #expect(registry.openCount == 3, "closing a replaced feed again changes nothing")
    }

    @Test func anAddressBeyondItsLimitIsRefusedUntilAFeedCloses() throws {
        let registry = FeedRegistry(limits: Self.limits(session: 10, address: 2))
        let first = try registry.open(session: SessionID("s1"), address: "a") {}
        _ = try registry.open(session: SessionID("s2"), address: "a") {}
        let refusal = #expect(throws: TooManyFeeds.self) { try registry.open(session: SessionID("s3"), address: "a") {} }
        #expect(refusal?.limit == 2)
        _ = try registry.open(session: SessionID("s3"), address: "b") {}
        registry.close(first)
        _ = try registry.open(session: SessionID("s3"), address: "a") {}
        #expect(registry.openCount == 3)
    }

    @Test func aReplacedFeedsListenerHearsSoAtOnce() async throws {
        let registry = FeedRegistry(limits: Self.limits(session: 1, address: 10))
        let bus = LocalEventBus()
        let older = bus.listen(to: .everything)
        _ = try registry.open(session: SessionID("s1"), address: "a") { older.replace() }
        _ = try registry.open(session: SessionID("s1"), address: "a") {}
        var signals = older.signals.makeAsyncIterator()
        #expect(await signals.next() == .replaced)
    }
}
