import ChatCore
import ChatHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParleyTestSupport
import ServiceLifecycle
import Testing

@Suite("Long-poll sync", .timeLimit(.minutes(3)))
struct LongPollTests {
    @Test(arguments: TestBackend.available)
    func aWaitingPollWakesWhenAMessageArrives(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let started = try await world.startChat(department: sales.id)
            let chat = started.chat.id
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: agent)
            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: agent)
            #expect(caughtUp.events.count == 4)

            let woken = try await world.whileListening {
                try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=10", token: agent)
            }
            let sent = try await world.send("Anyone there?", to: chat, token: started.credentials.accessToken)
            let answer = try await woken.value
            #expect(answer.events == [sent])
            #expect(answer.cursor == sent.cursor)
        }
    }

    @Test(arguments: TestBackend.sharedDatabase)
    func aPollOnOneInstanceWakesForAMessageWrittenThroughAnother(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: admin)
            let other = try await SecondInstance.open(beside: world)

            let woken = try await world.whileListening {
                try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=10", token: admin)
            }
            let visitor = try await other.services.auth.authenticate(started.credentials.accessToken)
            let sent = try await other.services.chats.send("Written elsewhere", clientMessageID: nil, to: ChatID(started.chat.id), as: visitor)
            let answer = try await woken.value
            #expect(answer.events.map(\.cursor) == [sent.event.cursor.rawValue], "woken through the other instance's notice")
            await other.close()
        }
    }

    @Test(arguments: TestBackend.sharedDatabase)
    func typingReportedThroughOneInstanceShowsOnAnother(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let other = try await SecondInstance.open(beside: world)

            let visitor = try await other.services.auth.authenticate(started.credentials.accessToken)
            try await other.services.chats.setTyping(true, in: ChatID(started.chat.id), as: visitor)
            let here = try await world.services.auth.authenticate(admin)
            try await waitUntil("the typing notice reaches this instance's board") {
                try await world.services.chats.typists(in: ChatID(started.chat.id), for: here) == [visitor.author]
            }
            world.clock.advance(by: world.config.limits.typingLifetime + .milliseconds(1))
            #expect(try await world.services.chats.typists(in: ChatID(started.chat.id), for: here).isEmpty, "and lapses here too")
            await other.close()
        }
    }

    @Test(arguments: TestBackend.available)
    func anIdlePollWaitsAndAnswersEmptyAtItsTimeoutWithTheSameCursor(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let token = started.credentials.accessToken
            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: token)
            // Returning only once the poll listens shows it waited rather than answering at once.
            let idle = try await world.whileListening {
                try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=1", token: token)
            }.value
            #expect(idle.events.isEmpty && idle.typing.isEmpty && idle.presence.isEmpty)
            #expect(idle.cursor == caughtUp.cursor)
        }
    }

    @Test(arguments: TestBackend.available)
    func latestSkipsTheBacklog(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let latest = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=0", token: admin)
            #expect(latest.events.isEmpty)
            #expect(latest.cursor == started.events.last?.cursor)
            let sent = try await world.send("news", to: started.chat.id, token: started.credentials.accessToken)
            let next = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(latest.cursor)&timeout=0", token: admin)
            #expect(next.events == [sent])
        }
    }

    @Test(arguments: TestBackend.available)
    func typingIsPushedToTheWaitingSideAndNotStored(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.limits.typingLifetime = .seconds(15) }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let started = try await world.startChat(department: sales.id)
            let visitor = started.credentials.accessToken
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(started.chat.id)/join", token: agent)
            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: visitor)

            let woken = try await world.whileListening {
                try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=10", token: visitor)
            }
            let typing = try await world.call(.post, "/v1/chats/\(started.chat.id)/typing", token: agent, json: ["typing": true])
            #expect(typing.status == .noContent)
            let answer = try await woken.value
            #expect(answer.typing.map(\.typing) == [true])
            let lifetime = Double(world.config.limits.typingLifetime.components.seconds)
            let expiresAt = try #require(answer.typing.first?.expiresAt.flatMap { try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0) })
            #expect(abs(expiresAt.timeIntervalSince(world.clock.now) - lifetime) < 1, "a typing notice lapses after the configured lifetime")
            #expect(answer.typing.first?.author.type == "agent")
            #expect(answer.cursor == caughtUp.cursor)
            let history = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: visitor)
            #expect(history.items.count == 4, "typing leaves no trace in the log")
        }
    }
}
