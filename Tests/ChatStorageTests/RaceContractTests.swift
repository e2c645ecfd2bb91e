import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// Writers that race for one thing: exactly one of them gets it, and nobody gets an error.
@Suite("Racing writers storage contract", .timeLimit(.minutes(2)))
struct RaceContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: TestBackend.available)
    func racingRotationsOfOneRefreshTokenRotateItOnce(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let session = try await FeedPositionContractTests.session("s1", in: store)
            let later = Self.now.addingTimeInterval(3600)
            let outcomes = try await withThrowingTaskGroup(of: (String, RefreshOutcome).self) { group in
                for racer in 0..<8 {
                    group.addTask {
                        ("next-\(racer)", try await store.rotateRefreshToken(hash: "hash-s1", successor: "next-\(racer)", successorExpiresAt: later, reuseGrace: .zero, at: Self.now))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let stored = try #require(try await store.session(session))
            let winners = outcomes.filter { $0.1 == .rotated(stored) }
            #expect(winners.count == 1)
            #expect(outcomes.filter { $0.1 == .reused(stored) }.count == 7, "the others see the token already used")
            for (successor, _) in outcomes {
                let expected: RefreshOutcome = successor == winners.first?.0 ? .rotated(stored) : .invalid
                #expect(try await store.rotateRefreshToken(hash: successor, successor: "\(successor)-next", successorExpiresAt: later, reuseGrace: .zero, at: Self.now) == expected,
                        "only the winner's successor was stored")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func racingSendsOfOneClientMessageIDStoreItOnce(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let author = EventAuthor.visitor(chat.visitorID)
            let key = ClientMessageKey(author: author, clientMessageID: "m-1")
            let updates = try await withThrowingTaskGroup(of: ChatUpdate.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await store.updateChat(chat.id, replaying: key, at: Self.now, ChatLogContractTests.message("Hi", from: author, id: "m-1"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let stored = updates.compactMap { if case .applied(_, let events) = $0 { events } else { nil } }
            #expect(stored.count == 1)
            let replayed = updates.compactMap { if case .replayed(_, let event) = $0 { event } else { nil } }
            #expect(replayed.count == 9 && replayed.allSatisfy { $0 == stored.first?.first })
            #expect(try await store.events(of: chat.id, page: .after(nil, limit: 100)).count == 3)
        }
    }

    /// Several routers at once (on PostgreSQL, two storages as two instances would hold)
    /// deciding with the real policy: every chat offered once, no agent beyond its capacity.
    @Test(arguments: TestBackend.available)
    func racingRoutersOfferEachChatOnceWithinCapacity(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store, database in
            let other = backend == .postgres ? try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize) : store
            let (department, agents, chats) = try await RoutingContractTests.queue(in: store, agents: ["a1", "a2", "a3"], chats: 10)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<12 {
                    let router = round.isMultiple(of: 2) ? store : other
                    group.addTask {
                        _ = try await router.routeDepartment(department.id, capacity: CapacityRule(defaultMaxChats: 2), at: Self.now) { snapshot in
                            RoutingPolicy.offers(for: snapshot, at: Self.now, coolDown: .seconds(20))
                        }
                    }
                }
                try await group.waitForAll()
            }
            if other !== store { await other.close() }
            var offers = 0
            for chat in chats {
                let log = try await store.events(of: chat, page: .after(nil, limit: 100))
                let offered = log.filter { if case .offered = $0.body { true } else { false } }
                #expect(offered.count <= 1, "chat \(chat) offered \(offered.count) times")
                offers += offered.count
            }
            #expect(offers == agents.count * 2, "every place taken")
            let loads = try await store.agentLoads()
            #expect(agents.allSatisfy { loads[$0] == 2 }, "\(loads)")
        }
    }
}
