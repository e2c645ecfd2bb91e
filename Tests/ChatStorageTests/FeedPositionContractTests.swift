import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Saved feed position storage contract", .timeLimit(.minutes(2)))
struct FeedPositionContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func session(_ id: String, in store: SQLStorage, createdAt: Date = now) async throws -> SessionID {
        let agent = DirectoryContractTests.agent("\(id)@example.com")
        try await store.createAgent(agent, passwordHash: "x")
        let session = Session(id: SessionID(id), subject: .agent(agent.id), createdAt: createdAt)
        try await store.createSession(session, refreshToken: RefreshTokenRecord(
            tokenHash: "hash-\(id)", session: session.id, expiresAt: createdAt.addingTimeInterval(3600)
        ))
        return session.id
    }

    @Test(arguments: TestBackend.available)
    func positionsAreKeptPerSessionAndScopeAndOverwritten(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let first = try await Self.session("s1", in: store)
            let second = try await Self.session("s2", in: store)
            #expect(try await store.feedPosition(of: first, scope: "all") == nil)

            try await store.setFeedPosition(EventCursor(7), of: first, scope: "all")
            try await store.setFeedPosition(EventCursor(3), of: first, scope: "chat:c1")
            try await store.setFeedPosition(EventCursor(9), of: second, scope: "all")
            #expect(try await store.feedPosition(of: first, scope: "all") == EventCursor(7))
            #expect(try await store.feedPosition(of: first, scope: "chat:c1") == EventCursor(3))
            #expect(try await store.feedPosition(of: second, scope: "all") == EventCursor(9))
            #expect(try await store.feedPosition(of: second, scope: "chat:c1") == nil)

            try await store.setFeedPosition(EventCursor(12), of: first, scope: "all")
            #expect(try await store.feedPosition(of: first, scope: "all") == EventCursor(12))
        }
    }

    @Test(arguments: TestBackend.available)
    func concurrentSavesOfOnePositionAllSucceedAndOneWins(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let session = try await Self.session("s1", in: store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for cursor in 1...12 {
                    group.addTask { try await store.setFeedPosition(EventCursor(Int64(cursor)), of: session, scope: "all") }
                }
                try await group.waitForAll()
            }
            let saved = try #require(try await store.feedPosition(of: session, scope: "all"))
            #expect((1...12).contains(saved.rawValue))
        }
    }

    @Test(arguments: TestBackend.available)
    func positionsGoWithTheirSession(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let dayAgo = Self.now.addingTimeInterval(-86_400)
            let revoked = try await Self.session("revoked", in: store, createdAt: dayAgo)
            let kept = try await Self.session("kept", in: store, createdAt: dayAgo)
            try await store.setFeedPosition(EventCursor(5), of: revoked, scope: "all")
            try await store.setFeedPosition(EventCursor(6), of: kept, scope: "all")
            try await store.revokeSession(revoked, at: dayAgo)
            #expect(try await store.purgeSessions(at: dayAgo, createdBefore: Self.now) == 1)
            #expect(try await store.feedPosition(of: revoked, scope: "all") == nil)
            #expect(try await store.feedPosition(of: kept, scope: "all") == EventCursor(6))
        }
    }
}
