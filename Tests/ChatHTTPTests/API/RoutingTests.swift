import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Routing: statuses, offers, capacity")
struct RoutingTests {
    struct Team {
        let admin: String
        let department: Int64
        let agents: [String: String]
        let ids: [String: String]
    }

    /// A department with agents named by `names`, each logged in.
    static func team(_ world: TestWorld, _ names: [String]) async throws -> Team {
        let admin = try await world.adminToken()
        let department = try await world.createDepartment("Sales", admin: admin).id
        var tokens: [String: String] = [:]
        var ids: [String: String] = [:]
        for name in names {
            tokens[name] = try await world.agentToken("\(name)@example.com", departments: [department], admin: admin)
            ids[name] = try await world.expect(.ok, Wire.Login.self, .post, "/v1/auth/login",
                                               json: ["email": "\(name)@example.com", "password": TestWorld.password]).agent.id
        }
        return Team(admin: admin, department: department, agents: tokens, ids: ids)
    }

    static func setStatus(_ world: TestWorld, _ team: Team, _ name: String, _ status: String, reason: String? = nil) async throws -> Wire.AgentStatus {
        try await world.expect(.ok, Wire.AgentStatus.self, .put, "/v1/agents/\(team.ids[name]!)/status", token: team.agents[name],
                               json: Wire.StatusChange(status: status, awayReason: reason))
    }

    static func chat(_ world: TestWorld, _ team: Team, _ id: String) async throws -> Wire.RoutedChat {
        try await world.expect(.ok, Wire.RoutedChat.self, .get, "/v1/chats/\(id)", token: team.admin)
    }

    @Test func aQueuedChatIsOfferedToTheAgentWhoComesOnlineAndVisitorsDoNotSeeOffers() async throws {
        try await TestWorld.run { world in
            let team = try await Self.team(world, ["ann"])
            let started = try await world.startChat(department: team.department)
            #expect(try await Self.chat(world, team, started.chat.id).offeredTo == nil, "nobody is online yet")
            #expect(try await Self.chat(world, team, started.chat.id).queue?.position == 1)

            _ = try await Self.setStatus(world, team, "ann", "online")
            #expect(try await Self.chat(world, team, started.chat.id).offeredTo == team.ids["ann"])
            let agentFeed = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: team.agents["ann"])
            #expect(agentFeed.events.map(\.type).contains("offered"))
            let visitorFeed = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: started.credentials.accessToken)
            #expect(!visitorFeed.events.map(\.type).contains("offered"))
            let history = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: started.credentials.accessToken)
            #expect(!history.items.map(\.type).contains("offered"))
            let seenByVisitor = try await world.expect(.ok, Wire.RoutedChat.self, .get, "/v1/chats/\(started.chat.id)", token: started.credentials.accessToken)
            #expect(seenByVisitor.offeredTo == nil && seenByVisitor.queue?.position == 1)

            let joined = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(started.chat.id)/join", token: team.agents["ann"])
            #expect(joined.state == "active")
            let agents = try await world.expect(.ok, Wire.List<Wire.AgentStatus>.self, .get, "/v1/agents", token: team.admin)
            #expect(agents.items.first { $0.id == team.ids["ann"] }?.ongoingChats == 1)
        }
    }

    @Test func offersGoToTheLeastBusyAndCapacityHoldsTheRestInTheQueue() async throws {
        try await TestWorld.run { world in
            let team = try await Self.team(world, ["ann", "bob"])
            for name in ["ann", "bob"] {
                _ = try await world.expect(.ok, Wire.AgentStatus.self, .put, "/v1/agents/\(team.ids[name]!)/capacity",
                                           token: team.admin, json: ["maxChats": 1])
            }
            _ = try await Self.setStatus(world, team, "ann", "online")
            _ = try await Self.setStatus(world, team, "bob", "online")
            var chats: [String] = []
            for _ in 0..<3 { chats.append(try await world.startChat(department: team.department).chat.id) }
            let first = try await Self.chat(world, team, chats[0])
            let second = try await Self.chat(world, team, chats[1])
            let third = try await Self.chat(world, team, chats[2])
            #expect(Set([first.offeredTo, second.offeredTo]) == Set([team.ids["ann"], team.ids["bob"]]))
            #expect(third.offeredTo == nil)
            #expect(third.queue?.position == 3)

            // Bob's chat ends: his place goes to the chat that waited.
            let bobs = first.offeredTo == team.ids["bob"] ? chats[0] : chats[1]
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(bobs)/join", token: team.agents["bob"])
            try await world.expectError(.conflict, code: "at_capacity", .post, "/v1/chats/\(chats[2])/join", token: team.agents["bob"])
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(bobs)/close", token: team.agents["bob"])
            #expect(try await Self.chat(world, team, chats[2]).offeredTo == team.ids["bob"])
        }
    }

    @Test func anUnansweredOfferMovesOnAndItsAgentIsSetAway() async throws {
        try await TestWorld.run(configure: {
            $0.routing.offerTimeout = .milliseconds(600)
            $0.routingSweepInterval = .milliseconds(100)
        }) { world in
            let team = try await Self.team(world, ["ann", "bob"])
            _ = try await Self.setStatus(world, team, "ann", "online")
            let chat = try await world.startChat(department: team.department).chat.id
            #expect(try await Self.chat(world, team, chat).offeredTo == team.ids["ann"])
            _ = try await Self.setStatus(world, team, "bob", "online")

            var offered: String?
            for _ in 0..<50 where offered != team.ids["bob"] {
                try await Task.sleep(for: .milliseconds(100))
                offered = try await Self.chat(world, team, chat).offeredTo
            }
            #expect(offered == team.ids["bob"])
            let ann = try await world.expect(.ok, Wire.AgentStatus.self, .get, "/v1/agents/\(team.ids["ann"]!)", token: team.admin)
            #expect(ann.status == "away")
        }
    }

    @Test(arguments: TestBackend.available)
    func aTransferWhoseOfferTimesOutReturnsToTheQueueAndMovesOn(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: {
            $0.routing.offerTimeout = .milliseconds(600)
            $0.routing.awayOnMissedOffer = false
            $0.routingSweepInterval = .milliseconds(100)
        }) { world in
            let team = try await Self.team(world, ["ann", "bob", "cat"])
            _ = try await Self.setStatus(world, team, "bob", "online")
            _ = try await Self.setStatus(world, team, "cat", "online")
            let chat = try await world.startChat(department: team.department).chat.id
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/transfer", token: team.agents["ann"],
                                       json: Wire.Transfer(agentId: team.ids["bob"], departmentId: nil, note: nil))

            var routed: Wire.RoutedChat?
            for _ in 0..<50 where routed?.offeredTo != team.ids["cat"] {
                try await Task.sleep(for: .milliseconds(100))
                routed = try await Self.chat(world, team, chat)
            }
            #expect(routed?.state == "queued", "the unanswered transfer went back to the queue, not lost")
            #expect(routed?.offeredTo == team.ids["cat"], "and on to an agent who had not let it ring out")
            let log = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events", token: team.admin)
            #expect(log.items.contains { $0.type == "offer_withdrawn" && $0.reason == "timed_out" })
        }
    }

    @Test func goingAwayHandsOffersBackAndDecliningPassesThemOn() async throws {
        try await TestWorld.run { world in
            let team = try await Self.team(world, ["ann", "bob"])
            _ = try await Self.setStatus(world, team, "ann", "online")
            let chat = try await world.startChat(department: team.department).chat.id
            #expect(try await Self.chat(world, team, chat).offeredTo == team.ids["ann"])
            _ = try await Self.setStatus(world, team, "ann", "away")
            #expect(try await Self.chat(world, team, chat).offeredTo == nil, "the offer went back to the queue")

            _ = try await Self.setStatus(world, team, "bob", "online")
            #expect(try await Self.chat(world, team, chat).offeredTo == team.ids["bob"])
            _ = try await Self.setStatus(world, team, "ann", "online")
            let declined = try await world.call(.post, "/v1/chats/\(chat)/decline", token: team.agents["bob"])
            #expect(declined.status == .noContent)
            #expect(try await Self.chat(world, team, chat).offeredTo == team.ids["ann"])
            try await world.expectError(.conflict, code: "no_offer", .post, "/v1/chats/\(chat)/decline", token: team.agents["bob"])
        }
    }

    @Test func aDeclinedChatDoesNotRingTheSameAgentAgainAtOnce() async throws {
        try await TestWorld.run { world in
            let team = try await Self.team(world, ["ann", "bob"])
            _ = try await Self.setStatus(world, team, "ann", "online")
            let chat = try await world.startChat(department: team.department).chat.id
            #expect(try await world.call(.post, "/v1/chats/\(chat)/decline", token: team.agents["ann"]).status == .noContent)
            #expect(try await Self.chat(world, team, chat).offeredTo == nil, "the only agent online just said no")
            _ = try await Self.setStatus(world, team, "bob", "online")
            #expect(try await Self.chat(world, team, chat).offeredTo == team.ids["bob"], "the next agent gets it, though busier is no issue here")
            #expect(try await world.call(.post, "/v1/chats/\(chat)/decline", token: team.agents["bob"]).status == .noContent)
            #expect(try await Self.chat(world, team, chat).offeredTo == nil, "both passed on it within the cool-down")
        }
    }

    @Test func movingAnAgentToAnotherDepartmentMovesItsOffersToo() async throws {
        try await TestWorld.run { world in
            let team = try await Self.team(world, ["ann"])
            let support = try await world.createDepartment("Support", admin: team.admin)
            _ = try await Self.setStatus(world, team, "ann", "online")
            let sales = try await world.startChat(department: team.department).chat.id
            #expect(try await Self.chat(world, team, sales).offeredTo == team.ids["ann"])
            let waiting = try await world.startChat(department: support.id).chat.id
            #expect(try await Self.chat(world, team, waiting).offeredTo == nil)

            _ = try await world.expect(.ok, Wire.Agent.self, .put, "/v1/agents/\(team.ids["ann"]!)/departments",
                                       token: team.admin, json: ["departmentIds": [support.id]])
            #expect(try await Self.chat(world, team, sales).offeredTo == nil, "the offer left with her")
            #expect(try await Self.chat(world, team, waiting).offeredTo == team.ids["ann"])
        }
    }

    @Test(arguments: TestBackend.available)
    func aTransferWaitsForItsTargetAndARefusalReturnsTheChatToTheQueue(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await Self.team(world, ["ann", "bob"])
            let started = try await world.startChat(department: team.department)
            let chat = started.chat.id
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            try await world.expectError(.forbidden, code: "not_chat_agent", .post, "/v1/chats/\(chat)/transfer",
                                        token: team.agents["bob"], json: Wire.Transfer(agentId: team.ids["ann"], departmentId: nil, note: nil))
            try await world.expectError(.badRequest, code: "malformed_request", .post, "/v1/chats/\(chat)/transfer",
                                        token: team.agents["ann"], json: Wire.Transfer(agentId: team.ids["bob"], departmentId: team.department, note: nil))
            try await world.expectError(.conflict, code: "agent_unavailable", .post, "/v1/chats/\(chat)/transfer",
                                        token: team.agents["ann"], json: Wire.Transfer(agentId: team.ids["bob"], departmentId: nil, note: nil))
            _ = try await Self.setStatus(world, team, "bob", "away")

            let moved = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/transfer", token: team.agents["ann"],
                                               json: Wire.Transfer(agentId: team.ids["bob"], departmentId: nil, note: "Billing question, over to you"))
            #expect(moved.state == "transferring" && moved.agentId == nil)
            #expect(try await Self.chat(world, team, chat).offeredTo == team.ids["bob"])
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

    @Test func anAgentOfAnotherDepartmentCanTakeAChatTransferredToThem() async throws {
        try await TestWorld.run { world in
            let team = try await Self.team(world, ["ann"])
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

    @Test func aTransferToADepartmentIsOfferedToItsAgents() async throws {
        try await TestWorld.run { world in
            let team = try await Self.team(world, ["ann"])
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
            #expect(try await Self.chat(world, team, chat).offeredTo == carlID)
            let joined = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: carl)
            #expect(joined.state == "active" && joined.agentId == carlID)
        }
    }

    @Test(arguments: TestBackend.available)
    func racingAgentsNeverShareAChat(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let names = ["a1", "a2", "a3", "a4", "a5"]
            let team = try await Self.team(world, names)
            let chat = try await world.startChat(department: team.department).chat.id
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for name in names {
                    group.addTask { try await world.call(.post, "/v1/chats/\(chat)/join", token: team.agents[name]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == names.count - 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func racingAcceptsNeverExceedCapacity(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await Self.team(world, ["ann"])
            _ = try await world.expect(.ok, Wire.AgentStatus.self, .put, "/v1/agents/\(team.ids["ann"]!)/capacity",
                                       token: team.admin, json: ["maxChats": 2])
            var chats: [String] = []
            for _ in 0..<5 { chats.append(try await world.startChat(department: team.department).chat.id) }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for chat in chats {
                    group.addTask { try await world.call(.post, "/v1/chats/\(chat)/join", token: team.agents["ann"]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 2)
            let active = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats?state=active", token: team.admin)
            #expect(active.items.count == 2)
        }
    }

    @Test func customAwayStatusesAndWhoMayChangeAStatus() async throws {
        try await TestWorld.run(.sqlite, .ahc(.http)) { world in
            let team = try await Self.team(world, ["ann", "bob"])
            try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/away-statuses", token: team.agents["ann"], json: ["name": "Lunch"])
            _ = try await world.expect(.created, Wire.List<String>.self, .post, "/v1/away-statuses", token: team.admin, json: ["name": "Lunch"])
            try await world.expectError(.unprocessableContent, code: "invalid_field", .put, "/v1/agents/\(team.ids["ann"]!)/status",
                                        token: team.agents["ann"], json: Wire.StatusChange(status: "away", awayReason: "Nap"))
            try await world.expectError(.forbidden, code: "forbidden", .put, "/v1/agents/\(team.ids["bob"]!)/status",
                                        token: team.agents["ann"], json: Wire.StatusChange(status: "online", awayReason: nil))

            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=0", token: team.admin)
            async let pushed = world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=10", token: team.admin)
            try await Task.sleep(for: .milliseconds(300))
            let lunch = try await Self.setStatus(world, team, "ann", "away", reason: "Lunch")
            #expect(lunch.status == "away" && lunch.awayReason == "Lunch")
            let presence = try await pushed.presence
            #expect(presence.map(\.agentId) == [team.ids["ann"]!])
            #expect(presence.first?.awayReason == "Lunch")
        }
    }
}

extension Wire {
    struct Transfer: Codable {
        let agentId: String?
        let departmentId: Int64?
        let note: String?
    }

    struct StatusChange: Codable {
        let status: String
        let awayReason: String?
    }

    struct AgentStatus: Codable {
        let id: String
        let status: String
        let awayReason: String?
        let maxChats: Int?
        let ongoingChats: Int?
    }

    struct RoutedChat: Codable {
        struct Queue: Codable {
            let position: Int
            let estimatedWaitSeconds: Int?
        }

        let id: String
        let state: String
        let offeredTo: String?
        let queue: Queue?
    }

    struct Presence: Codable {
        let agentId: String
        let status: String
        let awayReason: String?
    }
}
