import Foundation
import HummingbirdWSClient
import HummingbirdWSTesting
import ParleyTestSupport
import Testing

@Suite("Connection deadlines")
struct ConnectionDeadlineTests {
    @Test(arguments: TestBackend.available)
    func halfARequestIsClosedAtTheIdleDeadlineWithoutAnAnswer(_ backend: TestBackend) async throws {
        // A deadline long enough that a loaded machine still sends each half before it passes.
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.http.idleTimeout = .seconds(3) }) { world in
            let port = try #require(world.client.port)
            let silent = try await RawConnection.connect(port: port)
            let half = try await RawConnection.connect(port: port)
            try await half.send("GET /v1/departments HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let secondHalf = try await RawConnection.connect(port: port)
            try await secondHalf.send("GET /v1/departments HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /v1/departments HTTP/1.1\r\n")

            #expect(await silent.closed(within: .seconds(20)), "a connection that sends nothing")
            #expect(await half.closed(within: .seconds(20)), "a connection that sends half a request")
            #expect(half.text.isEmpty)
            #expect(await secondHalf.closed(within: .seconds(20)), "half a second request")
            #expect(secondHalf.text.hasPrefix("HTTP/1.1 200"), "the whole first request was answered")
        }
    }

    @Test(arguments: TestBackend.available)
    func aHeaderWithAControlCharacterGets400AndTheConnectionCloses(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let port = try #require(world.client.port)
            let first = try await RawConnection.connect(port: port)
            try await first.send("GET /v1/departments HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note: a\u{01}b\r\n\r\n")
            #expect(await first.closed(within: .seconds(20)))
            #expect(first.text.hasPrefix("HTTP/1.1 400"), "\(first.text)")

            let later = try await RawConnection.connect(port: port)
            try await later.send("GET /v1/departments HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /v1/departments HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note: a\u{01}b\r\n\r\n")
            #expect(await later.closed(within: .seconds(20)))
            #expect(later.text.hasPrefix("HTTP/1.1 200") && later.text.contains("HTTP/1.1 400"), "\(later.text)")
        }
    }

    @Test(arguments: TestBackend.available)
    func aLongPollAndAnOpenWebSocketOutlastTheIdleDeadline(_ backend: TestBackend) async throws {
        // A deadline long enough that a loaded machine still sends each half before it passes.
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.http.idleTimeout = .seconds(3) }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let quiet = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=3", token: admin)
            #expect(quiet.events.isEmpty, "a poll waiting longer than the idle deadline gets its answer")

            let received = Box<[Wire.Event]>([])
            try await world.client.ws("/v1/ws?access_token=\(admin)&cursor=latest") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                // Idle for longer than the deadline: a WebSocket is kept alive by its pings instead.
                try await Task.sleep(for: .seconds(3))
                _ = try await world.send("still there?", to: started.chat.id, token: started.credentials.accessToken)
                received.value = try await WebSocketTests.events(1, from: &messages)
            }
            #expect(received.value.map(\.text) == ["still there?"])
        }
    }
}
