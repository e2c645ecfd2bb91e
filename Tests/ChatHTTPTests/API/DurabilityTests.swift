import ChatHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParleyTestSupport
import Testing

@Suite("Durability", .timeLimit(.minutes(3)))
struct DurabilityTests {
    @Test(arguments: TestBackend.available)
    func anAcknowledgedMessageSurvivesARestartOnTheSameDatabase(_ backend: TestBackend) async throws {
        try await withScratchDatabase(backend) { database in
            let config = TestWorld.config(database)
            var logger = Logger(label: "parley-test")
            logger.logLevel = config.logLevel
            let clock = TestClock()
            let first = try await ParleyServices.open(config, logger: logger, overrides: .init(now: clock.reading))
            let chat = Box<(id: String, token: String)?>(nil)
            try await buildApplication(config, services: first, logger: logger).test(.router) { client in
                let world = TestWorld(client: client, services: first, config: config, clock: clock)
                let admin = try await world.adminToken()
                let sales = try await world.createDepartment("Sales", admin: admin)
                let started = try await world.startChat(department: sales.id)
                _ = try await world.send("Please keep this", to: started.chat.id, token: started.credentials.accessToken, clientMessageId: "keep-1")
                chat.value = (started.chat.id, started.credentials.accessToken)
            }

            let second = try await ParleyServices.open(config, logger: logger, overrides: .init(now: clock.reading))
            try await buildApplication(config, services: second, logger: logger).test(.router) { client in
                let world = TestWorld(client: client, services: second, config: config, clock: clock)
                let saved = try #require(chat.value)
                let history = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(saved.id)/events", token: saved.token)
                #expect(history.items.map(\.text).last == "Please keep this")
                #expect(history.items.last?.clientMessageId == "keep-1")
                let retried = try await world.expect(.ok, Wire.Event.self, .post, "/v1/chats/\(saved.id)/messages", token: saved.token,
                                                     json: Wire.Message(text: "Please keep this", clientMessageId: "keep-1"))
                #expect(retried == history.items.last, "a retry after the restart finds the stored message")
                let more = try await world.send("And this", to: saved.id, token: saved.token)
                #expect(more.id == history.items.count)
            }
        }
    }
}
