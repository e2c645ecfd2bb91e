import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// A renewable session is found by its key's hash and renewed only while it stands.
@Suite("Renewable session storage contract")
struct RenewableSessionContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: TestBackend.available)
    func aRenewableSessionIsFoundByItsKeyAndRenewedOnlyWhileItStands(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let agent = DirectoryContractTests.agent("ann@example.com")
            try await store.createAgent(agent, passwordHash: "x")
            let renewal = SessionRenewal(keyHash: "key-1", idleExpiresAt: Self.now.addingTimeInterval(1800))
            let session = Session(id: SessionID("s-1"), subject: .agent(agent.id), createdAt: Self.now, renewal: renewal)
            try await store.createSession(session, refreshToken: RefreshTokenRecord(tokenHash: "r-1", session: session.id, expiresAt: Self.now.addingTimeInterval(3600)))
            let plain = Session(id: SessionID("s-2"), subject: .agent(agent.id), createdAt: Self.now)
            try await store.createSession(plain, refreshToken: RefreshTokenRecord(tokenHash: "r-2", session: plain.id, expiresAt: Self.now.addingTimeInterval(3600)))

            #expect(try await store.session(renewalKeyHash: "key-1") == session)
            #expect(try await store.session(plain.id)?.renewal == nil)
            #expect(try await store.session(renewalKeyHash: "key-2") == nil)

            let later = Self.now.addingTimeInterval(2400)
            #expect(try await store.renewSession(session.id, idleExpiresAt: later, at: Self.now.addingTimeInterval(600)))
            #expect(try await store.session(session.id)?.renewal?.idleExpiresAt == later)
            #expect(try await !store.renewSession(session.id, idleExpiresAt: later.addingTimeInterval(60), at: later), "idle past its deadline")
            #expect(try await !store.renewSession(plain.id, idleExpiresAt: later, at: Self.now), "not a renewable session")

            try await store.revokeSession(session.id, at: Self.now.addingTimeInterval(700))
            #expect(try await !store.renewSession(session.id, idleExpiresAt: later, at: Self.now.addingTimeInterval(800)), "revoked")
            #expect(try await store.session(session.id)?.renewal?.idleExpiresAt == later, "a refused renewal changes nothing")
        }
    }
}
