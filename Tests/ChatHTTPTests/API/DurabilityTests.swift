import ChatHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParleyTestSupport
import Testing

@Suite("Durability")
struct DurabilityTests {
    @Test func anAcknowledgedMessageSurvivesARestartOnTheSameDatabase() async throws {
        let database = try await ScratchDatabase.make(.sqlite)
        let config = TestWorld.config(database)
        let logger = Logger(label: "parley-test")
        let first = try await ParleyServices.open(config, logger: logger)
        let chat = Box<(id: String, token: String)?>(nil)
        try await buildApplication(config, services: first, logger: logger).test(.router) { client in
            let world = TestWorld(client: client, services: first, config: config)
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            _ = try await world.send("Please keep this", to: started.chat.id, token: started.credentials.accessToken, clientMessageId: "keep-1")
            chat.value = (started.chat.id, started.credentials.accessToken)
        }

        let second = try await ParleyServices.open(config, logger: logger)
        try await buildApplication(config, services: second, logger: logger).test(.router) { client in
            let world = TestWorld(client: client, services: second, config: config)
            let saved = try #require(chat.value)
            let history = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(saved.id)/events", token: saved.token)
            #expect(history.items.map(\.text).last == "Please keep this")
            #expect(history.items.last?.clientMessageId == "keep-1")
            let more = try await world.send("And this", to: saved.id, token: saved.token)
            #expect(more.id == history.items.count)
        }
        try await database.remove()
    }
}
