import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Transfers between agents and departments", .timeLimit(.minutes(3)))
struct TransferTests {
    @Test(arguments: TestBackend.available)
    func aTransferWhoseOfferTimesOutReturnsToTheQueueAndMovesOn(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.routing.awayOnMissedOffer = false }) { world in
            let team = try await RoutingTests.team(world, ["ann", "bob", "cat"])
            _ = try await RoutingTests.setStatus(world, team, "bob", "online")
            _ = try await RoutingTests.setStatus(world, team, "cat", "online")
            let chat = try await world.startChat(department: team.department).chat.id
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/transfer", token: team.agents["ann"],
                                       json: Wire.Transfer(agentId: team.ids["bob"], departmentId: nil, note: nil))

            world.clock.advance(by: world.config.routing.offerTimeout + .seconds(1))
            // What the sweeper runs on its tick.
            try await world.services.routing.expireOffers()
            let routed = try await RoutingTests.chat(world, team, chat)
            #expect(routed.state == "queued", "the unanswered transfer went back to the queue, not lost")
            #expect(routed.offeredTo == team.ids["cat"], "and on to an agent who had not let it ring out")
            let log = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events", token: team.admin)
            #expect(log.items.contains { $0.type == "offer_withdrawn" && $0.reason == "timed_out" })
            let bob = try await world.expect(.ok, Wire.AgentStatus.self, .get, "/v1/agents/\(team.ids["bob"]!)", token: team.admin)
            #expect(bob.status == "online", "with PARLEY_AWAY_ON_MISSED_OFFER off, missing an offer leaves the agent online")
        }
    }

    /// An agent of another department may see a chat offered to it: its feed reads the chat's
    /// events, and a waiting long-poll wakes for the offer.
    @Test(arguments: TestBackend.available)
    func anAgentOfAnotherDepartmentIsWokenByTheOfferAndReadsTheChat(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let support = try await world.createDepartment("Support", admin: team.admin)
            _ = try await world.agentToken("dave@example.com", departments: [support.id], admin: team.admin)
            let login = try await world.login("dave@example.com")
            let (dave, daveID) = (login.accessToken, login.agent.id)
            _ = try await world.expect(.ok, Wire.AgentStatus.self, .put, "/v1/agents/\(daveID)/status", token: dave,
                                       json: Wire.StatusChange(status: "away", awayReason: nil))
            let chat = try await world.startChat(department: team.department).chat.id
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            let before = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=0", token: dave).cursor

            let waiting = Task {
                try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(before)&timeout=8", token: dave)
            }
            try await world.waitForOpenFeeds(1)
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/transfer", token: team.agents["ann"],
                                       json: Wire.Transfer(agentId: daveID, departmentId: nil, note: "Yours"))
            let woken = try await waiting.value
            #expect(woken.events.contains { $0.chatId == chat && $0.type == "offered" }, "the offer woke dave's poll: \(woken.events.map(\.type))")
            let read = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(before)&timeout=0", token: dave)
            #expect(read.events.contains { $0.chatId == chat && $0.type == "transferred" && $0.text == "Yours" })
        }
    }

    @Test(arguments: TestBackend.available)
    func aTransferWaitsForItsTargetAndARefusalReturnsTheChatToTheQueue(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann", "bob"])
            let started = try await world.startChat(department: team.department)
            let chat = started.chat.id
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            try await world.expectError(.forbidden, code: "not_chat_agent", .post, "/v1/chats/\(chat)/transfer",
                                        token: team.agents["bob"], json: Wire.Transfer(agentId: team.ids["ann"], departmentId: nil, note: nil))
            try await world.expectError(.badRequest, code: "malformed_request", .post, "/v1/chats/\(chat)/transfer",
                                        token: team.agents["ann"], json: Wire.Transfer(agentId: team.ids["bob"], departmentId: team.department, note: nil))
            try await world.expectError(.conflict, code: "agent_unavailable", .post, "/v1/chats/\(chat)/transfer",
                                        token: team.agents["ann"], json: Wire.Transfer(agentId: team.ids["bob"], departmentId: nil, note: nil))
            _ = try await RoutingTests.setStatus(world, team, "bob", "away")

            let moved = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/transfer", token: team.agents["ann"],
                                               json: Wire.Transfer(agentId: team.ids["bob"], departmentId: nil, note: "Billing question, over to you"))
            #expect(moved.state == "transferring" && moved.agentId == nil)
            #expect(try await RoutingTests.chat(world, team, chat).offeredTo == team.ids["bob"])
            let agentView = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events", token: team.agents["bob"])
            #expect(agentView.items.contains { $0.type == "transferred" && $0.text == "Billing question, over to you" })
            let visitorView = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events", token: started.credentials.accessToken)
            #expect(!visitorView.items.contains { $0.type == "transferred" }, "the note is for agents only")
            #expect(visitorView.items.last?.state == "transferring")

            let declined = try await world.call(.post, "/v1/chats/\(chat)/decline", token: team.agents["bob"])
            #expect(declined.status == .noContent)
            let back = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(chat)", token: team.admin)
            #expect(back.state == "queued", "a refused transfer is never lost: it waits in the queue")

            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/transfer", token: team.agents["ann"],
                                       json: Wire.Transfer(agentId: team.ids["bob"], departmentId: nil, note: nil))
            let accepted = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["bob"])
            #expect(accepted.state == "active" && accepted.agentId == team.ids["bob"])
            try await world.expectError(.conflict, code: "chat_not_active", .post, "/v1/chats/\(world.startChat(department: team.department).chat.id)/transfer",
                                        token: team.admin, json: Wire.Transfer(agentId: team.ids["ann"], departmentId: nil, note: nil))
        }
    }

    @Test(arguments: TestBackend.available)
    func anAgentOfAnotherDepartmentCanTakeAChatTransferredToThem(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let support = try await world.createDepartment("Support", admin: team.admin)
            let dan = try await world.agentToken("dan@example.com", departments: [support.id], admin: team.admin)
            let danID = try await world.expect(.ok, Wire.Login.self, .post, "/v1/auth/login",
                                               json: ["email": "dan@example.com", "password": TestWorld.password]).agent.id
            _ = try await world.expect(.ok, Wire.AgentStatus.self, .put, "/v1/agents/\(danID)/status", token: dan,
                                       json: Wire.StatusChange(status: "away", awayReason: nil))
            let chat = try await world.startChat(department: team.department).chat.id
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/transfer", token: team.agents["ann"],
                                       json: Wire.Transfer(agentId: danID, departmentId: nil, note: "You know this customer"))
            let offered = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(chat)", token: dan)
            #expect(offered.state == "transferring", "the agent a chat is offered to may read it")
            let taken = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: dan)
            #expect(taken.state == "active" && taken.agentId == danID)
            _ = try await world.send("Hello again", to: chat, token: dan)
        }
    }

    @Test(arguments: TestBackend.available)
    func aTransferToADepartmentIsOfferedToItsAgents(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let support = try await world.createDepartment("Support", admin: team.admin)
            let carl = try await world.agentToken("carl@example.com", departments: [support.id], admin: team.admin)
            let carlID = try await world.expect(.ok, Wire.Login.self, .post, "/v1/auth/login",
                                                json: ["email": "carl@example.com", "password": TestWorld.password]).agent.id
            _ = try await world.expect(.ok, Wire.AgentStatus.self, .put, "/v1/agents/\(carlID)/status", token: carl,
                                       json: Wire.StatusChange(status: "online", awayReason: nil))
            let chat = try await world.startChat(department: team.department).chat.id
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            let moved = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/transfer", token: team.agents["ann"],
                                               json: Wire.Transfer(agentId: nil, departmentId: support.id, note: "Needs support"))
            #expect(moved.departmentId == support.id)
            #expect(try await RoutingTests.chat(world, team, chat).offeredTo == carlID)
            let joined = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: carl)
            #expect(joined.state == "active" && joined.agentId == carlID)
        }
    }
}
