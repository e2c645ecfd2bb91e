import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Session revocation storage contract")
struct SessionRevocationContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: TestBackend.available)
    func anAgentsSessionsAreRevokedButTheOneKeptAndOtherSubjects(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let ann = DirectoryContractTests.agent("ann@example.com")
            let bob = DirectoryContractTests.agent("bob@example.com")
            try await store.createAgent(ann, passwordHash: "x")
            try await store.createAgent(bob, passwordHash: "x")
            func open(_ id: String, _ subject: SessionSubject) async throws -> SessionID {
                let session = Session(id: SessionID(id), subject: subject, createdAt: Self.now)
                let token = RefreshTokenRecord(tokenHash: "hash-\(id)", session: session.id, expiresAt: Self.now.addingTimeInterval(3600))
                try await store.createSession(session, refreshToken: token)
                return session.id
            }
            let kept = try await open("ann-here", .agent(ann.id))
            let other = try await open("ann-elsewhere", .agent(ann.id))
            let earlier = try await open("ann-earlier", .agent(ann.id))
            try await store.revokeSession(earlier, at: Self.now.addingTimeInterval(-60))
            let bobs = try await open("bob", .agent(bob.id))

            try await store.revokeSessions(of: ann.id, except: kept, at: Self.now)
            #expect(try await store.session(kept)?.revokedAt == nil)
            #expect(try await store.session(other)?.revokedAt == Self.now)
            #expect(try await store.session(earlier)?.revokedAt == Self.now.addingTimeInterval(-60), "an earlier revocation keeps its date")
            #expect(try await store.session(bobs)?.revokedAt == nil, "another agent's sessions stand")
            let refresh = try await store.rotateRefreshToken(
                hash: "hash-ann-elsewhere", successor: "next", successorExpiresAt: Self.now.addingTimeInterval(3600), reuseGrace: .zero, at: Self.now
            )
            #expect(refresh == .invalid, "a revoked session's refresh token is spent")

            try await store.revokeSessions(of: ann.id, except: nil, at: Self.now.addingTimeInterval(1))
            #expect(try await store.session(kept)?.revokedAt == Self.now.addingTimeInterval(1))
        }
    }
}
