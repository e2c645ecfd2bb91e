import ChatCore
import Foundation
import HummingbirdWSClient
import HummingbirdWSTesting
import ParleyTestSupport
import Testing

@Suite("Open feeds follow an agent's rights")
struct RightsChangeTests {
    @Test(arguments: TestBackend.available)
    func anAgentRemovedFromADepartmentStopsReceivingItsEvents(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.http.longPollMaxTimeout = .seconds(60) }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let support = try await world.createDepartment("Support", admin: admin)
            _ = try await world.agentToken("sam@example.com", departments: [sales.id, support.id], admin: admin)
            let sam = try await world.login("sam@example.com")
            let salesChat = try await world.startChat(department: sales.id)
            let supportChat = try await world.startChat(department: support.id)
            let before = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=0", token: sam.accessToken)

            let codes = Box<[String]>([])
            let socket = Task {
                try await world.client.ws("/v1/ws?access_token=\(sam.accessToken)&cursor=latest") { inbound, _, _ in
                    codes.value = try await WebSocketTests.errorsUntilClosed(inbound)
                }
            }
            let clock = ContinuousClock()
            let start = clock.now
            async let poll = world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(before.cursor)&timeout=60", token: sam.accessToken)
            try await world.waitForOpenFeeds(2)

            _ = try await world.expect(.ok, Wire.Agent.self, .put, "/v1/agents/\(sam.agent.id)/departments", token: admin,
                                       json: ["departmentIds": [sales.id]])
            let closing = try await socket.value
            #expect(codes.value == ["rights_changed"])
            #expect(closing?.closeCode == .unknown(4403) && closing?.reason == "rights_changed")
            let woken = try await poll
            #expect(woken.events.isEmpty && woken.cursor == before.cursor)
            #expect(clock.now - start < .seconds(30), "answered at the change, not at its 60 s timeout")

            // Fed again, with the new rights: Support's lines no longer arrive.
            let resumed = Box<[Wire.Event]>([])
            try await world.client.ws("/v1/ws?access_token=\(sam.accessToken)&cursor=\(before.cursor)") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                _ = try await world.send("for support", to: supportChat.chat.id, token: supportChat.credentials.accessToken)
                _ = try await world.send("for sales", to: salesChat.chat.id, token: salesChat.credentials.accessToken)
                resumed.value = try await WebSocketTests.events(1, from: &messages)
            }
            #expect(resumed.value.map(\.text) == ["for sales"])
            let polled = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(before.cursor)&timeout=0", token: sam.accessToken)
            #expect(polled.events.map(\.text) == ["for sales"])
        }
    }

    @Test(arguments: TestBackend.available)
    func anAgentMadeAdminHasItsSocketClosedToReadWithItsNewRights(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let support = try await world.createDepartment("Support", admin: admin)
            _ = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let sam = try await world.login("sam@example.com")
            let supportChat = try await world.startChat(department: support.id)
            let before = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: sam.accessToken)
            #expect(before.events.isEmpty, "another department's chat")

            let codes = Box<[String]>([])
            let closing = try await world.client.ws("/v1/ws?access_token=\(sam.accessToken)&cursor=latest") { inbound, _, _ in
                _ = try await world.expect(.ok, Wire.Agent.self, .patch, "/v1/agents/\(sam.agent.id)", token: admin, json: ["isAdmin": true])
                codes.value = try await WebSocketTests.errorsUntilClosed(inbound)
            }
            #expect(codes.value == ["rights_changed"])
            #expect(closing?.closeCode == .unknown(4403))
            let after = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: sam.accessToken)
            #expect(after.events.map(\.chatId).contains(supportChat.chat.id), "an admin reads every chat")
        }
    }
}
