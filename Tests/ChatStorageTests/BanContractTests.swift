import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Ban storage contract", .timeLimit(.minutes(2)))
struct BanContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func ban(_ id: String, _ target: BanTarget, at seconds: TimeInterval = 0) -> Ban {
        Ban(id: BanID(id), target: target, reason: nil, createdBy: nil, createdAt: now.addingTimeInterval(seconds))
    }

    static func range(_ text: String) throws -> BanTarget {
        .addresses(try #require(AddressRange(text)))
    }

    static func banned(_ store: SQLStorage, _ address: String) async throws -> Bool {
        let value = try #require(IPAddressText.address(address))
        return try await store.isBanned(visitor: nil, address: value)
    }

    @Test(arguments: TestBackend.available)
    func bansListOldestFirstReadBackWholeAndAreLiftedOnce(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let agent = DirectoryContractTests.agent("ann@example.com")
            try await store.createAgent(agent, passwordHash: "x")
            var first = Self.ban("b1", try Self.range("2001:db8::/32"), at: 1)
            first.reason = "Spam from this network\nfor a week"
            first.createdBy = agent.id
            let second = Self.ban("b2", .visitor(VisitorID("v-1")), at: 2)
            try await store.createBan(second)
            try await store.createBan(first)
            #expect(try await store.bans() == [first, second])

            #expect(try await store.deleteBan(first.id))
            #expect(try await !store.deleteBan(first.id), "a ban is lifted once")
            #expect(try await !store.deleteBan(BanID("unknown")))
            #expect(try await !store.deleteBan(BanID("nul\u{0}")), "a key no row can have finds none on both databases")
            #expect(try await store.bans() == [second])
        }
    }

    @Test(arguments: TestBackend.available)
    func rangesHoldTheirEdgesAndNotTheirNeighbours(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            try await store.createBan(Self.ban("cidr", try Self.range("192.0.2.0/24")))
            try await store.createBan(Self.ban("span", try Self.range("198.51.100.10-198.51.100.20")))
            try await store.createBan(Self.ban("v6", try Self.range("2001:db8:ab00::/40")))
            try await store.createBan(Self.ban("one", try Self.range("203.0.113.7")))
            for address in ["192.0.2.0", "192.0.2.255", "::ffff:192.0.2.9", "198.51.100.10", "198.51.100.20", "2001:db8:ab00::",
                            "2001:db8:abff:ffff:ffff:ffff:ffff:ffff", "203.0.113.7"] {
                #expect(try await Self.banned(store, address), "\(address)")
            }
            for address in ["192.0.1.255", "192.0.3.0", "198.51.100.9", "198.51.100.21", "2001:db8:aaff:ffff:ffff:ffff:ffff:ffff",
                            "2001:db8:ac00::", "203.0.113.6", "203.0.113.8", "::c000:209", "::"] {
                #expect(try await !Self.banned(store, address), "\(address)")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func keysOrderAsNumbersWhereTextAndNumbersCouldDisagree(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            // Hex digits past 9 are letters: a case- or locale-aware ordering would put "a" before "9" or "A".
            try await store.createBan(Self.ban("letters", try Self.range("::9fff-::a000")))
            try await store.createBan(Self.ban("top", try Self.range("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124")))
            for address in ["::9fff", "::a000"] {
                #expect(try await Self.banned(store, address), "\(address)")
            }
            for address in ["::9ffe", "::a001", "::1:9fff"] {
                #expect(try await !Self.banned(store, address), "\(address)")
            }
            #expect(try await Self.banned(store, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))
            #expect(try await !Self.banned(store, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffef"))
        }
    }

    @Test(arguments: TestBackend.available)
    func aVisitorOrAnAddressIsBannedByEitherRuleAlone(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            try await store.createBan(Self.ban("visitor", .visitor(VisitorID("v-1"))))
            try await store.createBan(Self.ban("range", try Self.range("192.0.2.0/24")))
            let inRange = try #require(IPAddressText.address("192.0.2.1"))
            let outside = try #require(IPAddressText.address("192.0.3.1"))
            #expect(try await store.isBanned(visitor: VisitorID("v-1"), address: nil))
            #expect(try await store.isBanned(visitor: VisitorID("v-1"), address: outside))
            #expect(try await store.isBanned(visitor: VisitorID("v-2"), address: inRange))
            #expect(try await !store.isBanned(visitor: VisitorID("v-2"), address: outside))
            #expect(try await !store.isBanned(visitor: nil, address: nil))
            #expect(try await !store.isBanned(visitor: VisitorID("v-\u{0}"), address: nil))
            #expect(try await store.deleteBan(BanID("visitor")))
            #expect(try await !store.isBanned(visitor: VisitorID("v-1"), address: nil), "a lifted ban keeps no one out")
        }
    }
}
