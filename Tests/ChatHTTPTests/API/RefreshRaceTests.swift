import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Synchronization
import Testing

@testable import ChatHTTP

/// A client that sends two refreshes at once (two tabs, a retry after a timeout) is not
/// logged out: within the reuse grace a spent refresh token answers the same successor.
@Suite("Refresh token races and the reuse grace")
struct RefreshRaceTests {
    @Test(arguments: TestBackend.available)
    func twoRefreshesAtOnceBothSucceedWithTheSameSuccessor(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            _ = try await world.adminToken()
            let login = try await world.login(TestWorld.adminEmail)
            async let first = world.call(.post, "/v1/auth/refresh", json: ["refreshToken": login.refreshToken])
            async let second = world.call(.post, "/v1/auth/refresh", json: ["refreshToken": login.refreshToken])
            let answers = try await [first, second]
            #expect(answers.map(\.status) == [.ok, .ok], "\(answers.map { String(buffer: $0.body) })")
            let renewed = try answers.map { try JSONDecoder().decode(Wire.Credentials.self, from: Data(buffer: $0.body)) }
            #expect(renewed[0].refreshToken == renewed[1].refreshToken)
            for credentials in renewed {
                _ = try await world.expect(.ok, Wire.List<Wire.Agent>.self, .get, "/v1/agents", token: credentials.accessToken)
            }
            let next = try await world.expect(.ok, Wire.Credentials.self, .post, "/v1/auth/refresh", json: ["refreshToken": renewed[0].refreshToken])
            #expect(next.refreshToken != renewed[0].refreshToken, "the successor rotates as usual")
        }
    }

    @Test(arguments: TestBackend.available)
    func aSpentTokenWithinTheGraceAnswersTheSameSuccessorAndAfterItRevokesTheSession(_ backend: TestBackend) async throws {
        try await withAuth(backend) { auth, clock in
            let (_, login) = try await auth.login(email: "ann@example.com", password: Self.password)
            let renewed = try await auth.refresh(login.refreshToken)
            clock.advance(by: 4)
            let again = try await auth.refresh(login.refreshToken)
            #expect(again.refreshToken == renewed.refreshToken && again.session == renewed.session)
            #expect(try await auth.authenticate(again.accessToken).session == login.session, "a fresh access token that works")

            clock.advance(by: 2)
            await #expect(throws: ChatError.invalidRefreshToken(.alreadyUsed)) { try await auth.refresh(login.refreshToken) }
            #expect(try await auth.isActive(login.session) == false, "reuse after the grace revokes the session")
            await #expect(throws: ChatError.invalidRefreshToken(.notFound)) { try await auth.refresh(renewed.refreshToken) }
            await #expect(throws: ChatError.unauthenticated) { try await auth.authenticate(again.accessToken) }
        }
    }

    @Test(arguments: TestBackend.available)
    func aSecretBindsTheGraceToOneClientInstance(_ backend: TestBackend) async throws {
        try await withAuth(backend) { auth, clock in
            let (_, login) = try await auth.login(email: "ann@example.com", password: Self.password)
            let renewed = try await auth.refresh(login.refreshToken, secret: "tabA")
            clock.advance(by: 1)
            let again = try await auth.refresh(login.refreshToken, secret: "tabA")
            #expect(again.refreshToken == renewed.refreshToken, "the same instance re-asking gets what it was given")
            await #expect(throws: ChatError.invalidRefreshToken(.alreadyUsed)) { try await auth.refresh(login.refreshToken, secret: "tabB") }
            await #expect(throws: ChatError.invalidRefreshToken(.notFound)) { try await auth.refresh("never-issued", secret: "tabA") }
            await #expect(throws: ChatError.invalidField(field: .refreshSecret, reason: "must be at most 128 bytes, without NUL")) {
                try await auth.refresh(renewed.refreshToken, secret: String(repeating: "s", count: 129))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func refreshesRacingOnTheCoreAllGetOneSuccessor(_ backend: TestBackend) async throws {
        try await withAuth(backend) { auth, _ in
            let (_, login) = try await auth.login(email: "ann@example.com", password: Self.password)
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await auth.refresh(login.refreshToken).refreshToken }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(tokens.count == 1)
            #expect(try await auth.isActive(login.session))
        }
    }

    static let password = "correct horse battery"

    /// The real AuthService over a fresh database, with a clock the test moves and one agent, ann.
    private func withAuth(_ backend: TestBackend, _ body: @Sendable (AuthService, ManualClock) async throws -> Void) async throws {
        try await withStorage(backend) { store in
            let clock = ManualClock()
            let passwords = BcryptPasswordHasher(cost: 4)
            let secret = String(repeating: "k", count: 64)
            let auth = AuthService(
                directory: store, sessions: store, passwords: passwords, codec: await JWTAccessTokenCodec(secret: secret),
                tokenHasher: SHA256TokenHasher(secret: secret), policy: TokenPolicy(), bus: LocalEventBus(), now: clock.now
            )
            let agent = Agent(id: AgentID("ann"), email: "ann@example.com", name: "Ann", isAdmin: false, departmentIDs: [], createdAt: clock.now())
            try await store.createAgent(agent, passwordHash: try await passwords.hash(Self.password))
            try await body(auth, clock)
        }
    }
}

/// A clock that stands still until the test moves it.
private final class ManualClock: Sendable {
    private let current = Mutex(Date())

    @Sendable func now() -> Date {
        current.withLock { $0 }
    }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0.addTimeInterval(seconds) }
    }
}
