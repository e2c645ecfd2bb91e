import Foundation
import Synchronization
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import ParleyTestSupport
import Testing

@Suite("WebSocket live feed", .timeLimit(.minutes(3)))
struct WebSocketTests {
    /// Reads server messages until `count` events have arrived.
    static func events(_ count: Int, from messages: inout WebSocketInboundMessageStream.AsyncIterator) async throws -> [Wire.Event] {
        struct ServerMessage: Decodable {
            let type: String
            let event: Wire.Event?
        }
        var events: [Wire.Event] = []
        while let message = try await messages.next() {
            guard case .text(let text) = message else { continue }
            let decoded = try JSONDecoder().decode(ServerMessage.self, from: Data(text.utf8))
            if let event = decoded.event { events.append(event) }
            if events.count == count { break }
        }
        return events
    }

    @Test(arguments: TestBackend.available)
    func eventsArriveLiveAndAReconnectResumesWithoutGapOrDuplicate(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let started = try await world.startChat(department: sales.id)
            let chat = started.chat.id
            let visitor = started.credentials.accessToken
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: agent)

            let firstSession = Box<[Wire.Event]>([])
            try await world.client.ws("/v1/ws?access_token=\(agent)&cursor=0") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                var seen = try await Self.events(4, from: &messages)
                _ = try await world.send("live one", to: chat, token: visitor)
                seen += try await Self.events(1, from: &messages)
                firstSession.value = seen
            }
            let first = firstSession.value
            #expect(first.map(\.id) == [0, 1, 2, 3, 4])
            #expect(first.last?.text == "live one")

            // Missed while disconnected:
            let missedA = try await world.send("missed A", to: chat, token: visitor)
            let missedB = try await world.send("missed B", to: chat, token: visitor)

            let secondSession = Box<[Wire.Event]>([])
            let resumeFrom = try #require(first.last?.cursor)
            try await world.client.ws("/v1/ws?access_token=\(agent)&cursor=\(resumeFrom)") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                var seen = try await Self.events(2, from: &messages)
                _ = try await world.send("live two", to: chat, token: visitor)
                seen += try await Self.events(1, from: &messages)
                secondSession.value = seen
            }
            let second = secondSession.value
            #expect(Array(second.prefix(2)) == [missedA, missedB])
            #expect(second.map(\.id) == [5, 6, 7])
            #expect(second.last?.text == "live two")
        }
    }

    /// Reads server messages until the server closes the socket; returns the error codes it sent.
    static func errorsUntilClosed(_ inbound: WebSocketInboundStream) async throws -> [String] {
        struct ServerMessage: Decodable {
            struct Failure: Decodable { let code: String }
            let type: String
            let error: Failure?
        }
        var codes: [String] = []
        for try await message in inbound.messages(maxSize: 1 << 20) {
            guard case .text(let text) = message else { continue }
            if let code = try JSONDecoder().decode(ServerMessage.self, from: Data(text.utf8)).error?.code { codes.append(code) }
        }
        return codes
    }

    @Test(arguments: TestBackend.available)
    func theServerClosesASocketWhoseTokenExpires(_ backend: TestBackend) async throws {
        // The socket's timer runs on the wall clock, so this app reads the wall clock too, and
        // no session check comes before the test gives up: only the expiry can close it.
        try await TestWorld.run(backend, .ahc(.http), configure: {
            $0.tokens.accessTokenLifetime = .seconds(2)
            $0.http.socketSessionCheckInterval = .seconds(3600)
        }, overrides: .init(now: { Date() })) { world in
            let admin = try await world.adminToken()
            let codes = Box<[String]>([])
            try await withDeadline(.seconds(30), "the socket to close at its token's expiry") {
                _ = try await world.client.ws("/v1/ws?access_token=\(admin)&cursor=latest") { inbound, _, _ in
                    codes.value = try await Self.errorsUntilClosed(inbound)
                }
            }
            #expect(codes.value == ["unauthenticated"])
        }
    }

    @Test(arguments: TestBackend.available)
    func theServerClosesASocketWhoseSessionIsRevoked(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.http.socketSessionCheckInterval = .milliseconds(200) }) { world in
            let admin = try await world.adminToken()
            let codes = Box<[String]>([])
            try await world.client.ws("/v1/ws?access_token=\(admin)&cursor=latest") { inbound, _, _ in
                #expect(try await world.call(.post, "/v1/auth/logout", token: admin).status == .noContent)
                codes.value = try await Self.errorsUntilClosed(inbound)
            }
            #expect(codes.value == ["unauthenticated"])
        }
    }

    @Test(arguments: TestBackend.available)
    func aPlainRequestThatAsksNoUpgradeIsCheckedThenAnswered426(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/ws")
            try await world.expectError(.badRequest, code: "malformed_request", .get, "/v1/ws?cursor=-1", token: admin)
            for (path, token) in [("/v1/ws", admin), ("/v1/ws?cursor=0", admin), ("/v1/ws?access_token=\(admin)&cursor=latest", nil)] {
                let response = try await world.call(.get, path, token: token)
                #expect(response.status == .upgradeRequired, "\(path)")
                #expect(response.headers[.upgrade] == "websocket", "\(path)")
                let envelope = try? JSONDecoder().decode(Wire.ErrorEnvelope.self, from: Data(buffer: response.body))
                #expect(envelope?.error.code == "upgrade_required", "\(path): \(String(buffer: response.body))")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aConnectionWithoutAValidTokenIsRefusedItsUpgrade(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            for query in ["access_token=bogus", "cursor=latest", "access_token=\(admin)&cursor=soon"] {
                await #expect(throws: WebSocketClientError.webSocketUpgradeFailed, "\(query)") {
                    try await world.client.ws("/v1/ws?\(query)") { _, _, _ in }
                }
            }
            let opened = Box(false)
            try await world.client.ws("/v1/ws?access_token=\(admin)&cursor=latest") { _, _, _ in opened.value = true }
            #expect(opened.value, "the same path with a valid token and cursor upgrades")
        }
    }
}

extension WebSocketTests {
    /// Browsers cannot set headers on a WebSocket: they offer `parley` and `parley.bearer.<token>`.
    @Test(arguments: TestBackend.available)
    func aBrowserOffersItsTokenAsAProtocolInsteadOfInTheURL(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let offered = WebSocketClientConfiguration(additionalHeaders: [.secWebSocketProtocol: "parley, parley.bearer.\(admin)"])
            let opened = Box(false)
            try await world.client.ws("/v1/ws?cursor=latest", configuration: offered) { _, _, _ in opened.value = true }
            #expect(opened.value)
            let forged = WebSocketClientConfiguration(additionalHeaders: [.secWebSocketProtocol: "parley, parley.bearer.bogus"])
            await #expect(throws: WebSocketClientError.webSocketUpgradeFailed) {
                try await world.client.ws("/v1/ws?cursor=latest", configuration: forged) { _, _, _ in }
            }
        }
    }
}

/// A value a WebSocket handler hands back to the test.
final class Box<T: Sendable>: Sendable {
    private let stored: Mutex<T>

    init(_ value: T) { stored = Mutex(value) }

    var value: T {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
