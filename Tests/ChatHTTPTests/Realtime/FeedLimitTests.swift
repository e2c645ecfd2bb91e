import ChatCore
import Foundation
import HTTPTypes
import HummingbirdWSClient
import HummingbirdWSTesting
import ParleyTestSupport
import Testing

extension TestWorld {
    /// Waits (boundedly) until this instance holds `count` open feeds.
    func waitForOpenFeeds(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while services.feeds.openCount != count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(services.feeds.openCount == count, "open feeds", sourceLocation: sourceLocation)
    }
}

@Suite("Open feeds per session and per address")
struct FeedLimitTests {
    @Test(arguments: TestBackend.available)
    func theNewestFeedOfASessionReplacesItsOldest(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: {
            $0.feeds.perSession = 2
            $0.http.longPollMaxTimeout = .seconds(60)
        }) { world in
            let admin = try await world.adminToken()
            let socketCodes = Box<[String]>([])
            let socket = Task {
                try await world.client.ws("/v1/ws?access_token=\(admin)&cursor=latest") { inbound, _, _ in
                    socketCodes.value = try await WebSocketTests.errorsUntilClosed(inbound)
                }
            }
            try await world.waitForOpenFeeds(1)
            let clock = ContinuousClock()
            let start = clock.now
            async let poll = world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=60", token: admin)
            try await world.waitForOpenFeeds(2)

            // A third feed replaces the oldest, the socket: it closes with 1008.
            async let third = world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=60", token: admin)
            let closing = try await socket.value
            #expect(closing?.closeCode == .policyViolation && closing?.reason == "replaced")
            #expect(socketCodes.value.isEmpty)

            // A fourth replaces the waiting poll, which answers at once, empty.
            let fourth = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=0", token: admin)
            let replaced = try await poll
            #expect(replaced.events.isEmpty && replaced.cursor == fourth.cursor)
            #expect(clock.now - start < .seconds(30), "answered when replaced, not at its 60 s timeout")
            let other = try await world.login(TestWorld.adminEmail).accessToken
            _ = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=0", token: other)
            try await world.waitForOpenFeeds(1)

            // Logging out answers the session's waiting poll at once.
            #expect(try await world.call(.post, "/v1/auth/logout", token: admin).status == .noContent)
            #expect(try await third.events.isEmpty)
            #expect(clock.now - start < .seconds(30), "answered at the logout, not at its 60 s timeout")
        }
    }

    @Test(arguments: TestBackend.available)
    func anAddressBeyondItsLimitIsRefusedOnEveryFace(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: {
            $0.feeds.perAddress = 2
            $0.http.longPollMaxTimeout = .seconds(60)
        }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let visitor = try await world.startChat(department: sales.id).credentials.accessToken
            // The XM face remembers where the session stands: catch up first, then wait.
            #expect(try await world.call(.get, "/xm/api/sync?timeout=0", token: visitor).status == .ok)
            async let first = world.call(.get, "/v1/sync?cursor=latest&timeout=60", token: admin)
            async let second = world.call(.get, "/xm/api/sync?timeout=60000", token: visitor)
            try await world.waitForOpenFeeds(2)

            let refused = try await world.call(.get, "/v1/sync?cursor=latest&timeout=0", token: visitor)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] != nil)
            let envelope = try JSONDecoder().decode(Wire.ErrorEnvelope.self, from: Data(buffer: refused.body))
            #expect(envelope.error.code == "too_many_feeds")
            #expect(try await world.call(.get, "/xm/api/sync?timeout=0", token: visitor).status == .tooManyRequests)
            let closing = try await world.client.ws("/v1/ws?access_token=\(visitor)&cursor=latest") { inbound, _, _ in
                _ = try await WebSocketTests.errorsUntilClosed(inbound)
            }
            #expect(closing?.closeCode == .policyViolation && closing?.reason == "too_many_feeds")

            // Logging out answers the session's waiting polls at once, which frees their places.
            #expect(try await world.call(.post, "/v1/auth/logout", token: admin).status == .noContent)
            #expect(try await first.status == .ok)
            try await world.waitForOpenFeeds(1)
            #expect(try await world.call(.get, "/v1/sync?cursor=latest&timeout=0", token: visitor).status == .ok)
            _ = try await world.call(.post, "/v1/auth/logout", token: visitor)
            #expect(try await second.status == .ok)
        }
    }
}
