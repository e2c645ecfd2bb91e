import ChatCore
import ChatHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParleyTestSupport
import ServiceLifecycle
import Testing

@Suite("Long-poll sync")
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

            let clock = ContinuousClock()
            let start = clock.now
            async let woken = world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=10", token: agent)
            try await Task.sleep(for: .milliseconds(300))
            let sent = try await world.send("Anyone there?", to: chat, token: started.credentials.accessToken)
            let answer = try await woken
            #expect(answer.events == [sent])
            #expect(answer.cursor == sent.cursor)
            // Woken by the message, not by the 10 s timeout.
            #expect(clock.now - start < .seconds(8))
        }
    }

    @Test(arguments: TestBackend.available.filter { $0 == .postgres })
    func aPollOnOneInstanceWakesForAMessageWrittenThroughAnother(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: admin)

            // A second instance on the same database, with its own bus connection.
            let other = try await ParleyServices.open(world.config, logger: Logger(label: "parley-test-other"))
            let otherBus = Task { try await (other.bus as? any Service)?.run() }
            defer { otherBus.cancel() }
            try await Task.sleep(for: .milliseconds(500))

            let clock = ContinuousClock()
            let start = clock.now
            async let woken = world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=10", token: admin)
            try await Task.sleep(for: .milliseconds(300))
            let visitor = try await other.auth.authenticate(started.credentials.accessToken)
            let sent = try await other.chats.send("Written elsewhere", clientMessageID: nil, to: ChatID(started.chat.id), as: visitor)
            let answer = try await woken
            #expect(answer.events.map(\.cursor) == [sent.event.cursor.rawValue])
            #expect(clock.now - start < .seconds(8), "woken through the other instance's notice, not by the timeout")
            otherBus.cancel()
            await other.storage.close()
        }
    }

    @Test(arguments: TestBackend.available.filter { $0 == .postgres })
    func typingReportedThroughOneInstanceShowsOnAnother(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let other = try await ParleyServices.open(world.config, logger: Logger(label: "parley-test-other"))
            let otherBus = Task { try await (other.bus as? any Service)?.run() }
            defer { otherBus.cancel() }
            try await Task.sleep(for: .milliseconds(500))

            let visitor = try await other.auth.authenticate(started.credentials.accessToken)
            try await other.chats.setTyping(true, in: ChatID(started.chat.id), as: visitor)
            let here = try await world.services.auth.authenticate(admin)
            var typists: Set<EventAuthor> = []
            for _ in 0..<50 where typists.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                typists = try await world.services.chats.typists(in: ChatID(started.chat.id), for: here)
            }
            #expect(typists == [visitor.author], "the board here heard the other instance's notice")
            otherBus.cancel()
            await other.storage.close()
        }
    }

    @Test func anIdlePollAnswersEmptyAtItsTimeoutWithTheSameCursor() async throws {
        try await TestWorld.run(.sqlite, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let token = started.credentials.accessToken
            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: token)
            let clock = ContinuousClock()
            let start = clock.now
            let idle = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=1", token: token)
            #expect(idle.events.isEmpty && idle.typing.isEmpty)
            #expect(idle.cursor == caughtUp.cursor)
            #expect(clock.now - start >= .milliseconds(900))
        }
    }

    @Test func latestSkipsTheBacklog() async throws {
        try await TestWorld.run { world in
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

    @Test func typingIsPushedToTheWaitingSideAndNotStored() async throws {
        try await TestWorld.run(.sqlite, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let started = try await world.startChat(department: sales.id)
            let visitor = started.credentials.accessToken
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(started.chat.id)/join", token: agent)
            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: visitor)

            async let woken = world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=10", token: visitor)
            try await Task.sleep(for: .milliseconds(300))
            let typing = try await world.call(.post, "/v1/chats/\(started.chat.id)/typing", token: agent, json: ["typing": true])
            #expect(typing.status == .noContent)
            let answer = try await woken
            #expect(answer.typing.map(\.typing) == [true])
            #expect(answer.typing.first?.expiresAt != nil, "a typing notice lapses unless renewed")
            #expect(answer.typing.first?.author.type == "agent")
            #expect(answer.cursor == caughtUp.cursor)
            let history = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: visitor)
            #expect(history.items.count == 4, "typing leaves no trace in the log")
        }
    }
}
