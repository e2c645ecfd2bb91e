import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// Refresh tokens work once; a spent one answers its successor again only within the reuse
/// grace, and only the successor it was traded for.
@Suite("Refresh token rotation storage contract")
struct RefreshRotationContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let grace: Duration = .seconds(5)

    /// An agent's session holding the refresh token `hash-0`.
    static func session(in store: SQLStorage) async throws -> Session {
        let agent = DirectoryContractTests.agent("ann@example.com")
        try await store.createAgent(agent, passwordHash: "x")
        let session = Session(id: SessionID("s-1"), subject: .agent(agent.id), createdAt: now)
        try await store.createSession(session, refreshToken: RefreshTokenRecord(tokenHash: "hash-0", session: session.id, expiresAt: now.addingTimeInterval(3600)))
        return session
    }

    static func rotate(_ store: SQLStorage, _ hash: String, to successor: String, after seconds: Double) async throws -> RefreshOutcome {
        try await store.rotateRefreshToken(
            hash: hash, successor: successor, successorExpiresAt: now.addingTimeInterval(7200), reuseGrace: grace,
            at: now.addingTimeInterval(seconds)
        )
    }

    @Test(arguments: TestBackend.available)
    func aSpentTokenAnswersItsSuccessorAgainWithinTheGraceOnly(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let session = try await Self.session(in: store)
            #expect(try await Self.rotate(store, "hash-0", to: "hash-1", after: 0) == .rotated(session))
            #expect(try await Self.rotate(store, "hash-0", to: "hash-1", after: 4.9) == .rotated(session), "within the grace")
            #expect(try await Self.rotate(store, "hash-0", to: "hash-other", after: 1) == .reused(session),
                    "only the successor the token was traded for")
            // Answering again stored nothing: the successor still works exactly once.
            #expect(try await Self.rotate(store, "hash-1", to: "hash-2", after: 1) == .rotated(session))
            #expect(try await Self.rotate(store, "hash-0", to: "hash-1", after: 5) == .reused(session), "the grace is over")
            #expect(try await Self.rotate(store, "hash-1", to: "hash-2", after: 30) == .reused(session))
        }
    }

    @Test(arguments: TestBackend.available)
    func withoutAGraceEveryReuseIsReuse(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let session = try await Self.session(in: store)
            let rotate = { (at: Double) in
                try await store.rotateRefreshToken(
                    hash: "hash-0", successor: "hash-1", successorExpiresAt: Self.now.addingTimeInterval(7200), reuseGrace: .zero,
                    at: Self.now.addingTimeInterval(at)
                )
            }
            #expect(try await rotate(0) == .rotated(session))
            #expect(try await rotate(0) == .reused(session))
        }
    }

    @Test(arguments: TestBackend.available)
    func aRevokedSessionsTokenIsNotAnsweredWithinTheGrace(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let session = try await Self.session(in: store)
            #expect(try await Self.rotate(store, "hash-0", to: "hash-1", after: 0) == .rotated(session))
            try await store.revokeSession(session.id, at: Self.now.addingTimeInterval(1))
            var revoked = session
            revoked.revokedAt = Self.now.addingTimeInterval(1)
            #expect(try await Self.rotate(store, "hash-0", to: "hash-1", after: 2) == .reused(revoked))
            #expect(try await Self.rotate(store, "hash-1", to: "hash-2", after: 2) == .invalid)
        }
    }

    @Test(arguments: TestBackend.available)
    func racingRotationsOfOneTokenAllGetTheOneSuccessor(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let session = try await Self.session(in: store)
            let outcomes = try await withThrowingTaskGroup(of: RefreshOutcome.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await Self.rotate(store, "hash-0", to: "hash-1", after: 0.5) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes == Array(repeating: .rotated(session), count: 4))
            #expect(try await Self.rotate(store, "hash-1", to: "hash-2", after: 1) == .rotated(session))
        }
    }
}
