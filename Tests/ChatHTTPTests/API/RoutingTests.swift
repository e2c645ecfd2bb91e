import ChatCore
import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Routing: statuses, offers, capacity", .timeLimit(.minutes(3)))
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

    @Test(arguments: TestBackend.available)
    func aQueuedChatIsOfferedToTheAgentWhoComesOnlineAndVisitorsDoNotSeeOffers(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
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

    @Test(arguments: TestBackend.available)
    func offersGoToTheLeastBusyAndCapacityHoldsTheRestInTheQueue(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
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

    @Test(arguments: TestBackend.available)
    func anUnansweredOfferMovesOnAndItsAgentIsSetAway(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.routingSweepInterval = .milliseconds(20) }) { world in
            let team = try await Self.team(world, ["ann", "bob"])
            _ = try await Self.setStatus(world, team, "ann", "online")
            let chat = try await world.startChat(department: team.department).chat.id
            #expect(try await Self.chat(world, team, chat).offeredTo == team.ids["ann"])
            _ = try await Self.setStatus(world, team, "bob", "online")

            // The sweeper, on its own tick, sees the offer outlive its timeout.
            try await world.expectNotice(after: { world.clock.advance(by: world.config.routing.offerTimeout + .seconds(1)) }) { notice in
                guard case .appended(let address, _) = notice, address.chatID.rawValue == chat else { return false }
                return try await Self.chat(world, team, chat).offeredTo == team.ids["bob"]
            }
            let ann = try await world.expect(.ok, Wire.AgentStatus.self, .get, "/v1/agents/\(team.ids["ann"]!)", token: team.admin)
            #expect(ann.status == "away")
            let log = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events", token: team.admin)
            #expect(log.items.contains { $0.type == "offer_withdrawn" && $0.reason == "timed_out" })
        }
    }

    @Test(arguments: TestBackend.available)
    func anOfferWithinItsTimeoutStays(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await Self.team(world, ["ann", "bob"])
            _ = try await Self.setStatus(world, team, "ann", "online")
            let chat = try await world.startChat(department: team.department).chat.id
            _ = try await Self.setStatus(world, team, "bob", "online")
            world.clock.advance(by: world.config.routing.offerTimeout - .milliseconds(1))
            try await world.services.routing.expireOffers()
            #expect(try await Self.chat(world, team, chat).offeredTo == team.ids["ann"])
            let ann = try await world.expect(.ok, Wire.AgentStatus.self, .get, "/v1/agents/\(team.ids["ann"]!)", token: team.admin)
            #expect(ann.status == "online")
        }
    }

    @Test(arguments: TestBackend.available)
    func theQueueEstimateFollowsHowLongRecentChatsWaited(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await Self.team(world, ["ann"])
            let first = try await world.startChat(department: team.department).chat.id
            #expect(try await Self.chat(world, team, first).queue?.estimatedWaitSeconds == nil, "no chat was joined yet")
            world.clock.advance(by: .seconds(90))
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(first)/join", token: team.agents["ann"])
            #expect(try await Self.chat(world, team, first).queue == nil, "an active chat is in no line")

            let second = try await world.startChat(department: team.department)
            let third = try await world.startChat(department: team.department)
            #expect(try await Self.chat(world, team, second.chat.id).queue == .init(position: 1, estimatedWaitSeconds: 90))
            #expect(try await Self.chat(world, team, third.chat.id).queue == .init(position: 2, estimatedWaitSeconds: 180))
            let seenByVisitor = try await world.expect(.ok, Wire.RoutedChat.self, .get, "/v1/chats/\(third.chat.id)", token: third.credentials.accessToken)
            #expect(seenByVisitor.queue == .init(position: 2, estimatedWaitSeconds: 180))

            world.clock.advance(by: .seconds(30))
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(second.chat.id)/join", token: team.agents["ann"])
            #expect(try await Self.chat(world, team, third.chat.id).queue == .init(position: 1, estimatedWaitSeconds: 60), "(90 + 30) / 2 for the one place ahead")
        }
    }

    @Test(arguments: TestBackend.available)
    func goingAwayHandsOffersBackAndDecliningPassesThemOn(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
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

    @Test(arguments: TestBackend.available)
    func aDeclinedChatDoesNotRingTheSameAgentAgainAtOnce(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
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

    @Test(arguments: TestBackend.available)
    func movingAnAgentToAnotherDepartmentMovesItsOffersToo(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
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
    func racingAgentsNeverShareAChat(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let names = ["a1", "a2", "a3", "a4", "a5"]
            let team = try await Self.team(world, names)
            let chat = try await world.startChat(department: team.department).chat.id
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for name in names {
                    group.addTask { try await world.call(.post, "/v1/chats/\(chat)/join", token: team.agents[name]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.filter { $0.status == .ok }.count == 1)
            for refused in responses where refused.status != .ok {
                refused.expectError(.native(), .conflict, code: "chat_not_queued")
            }
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
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for chat in chats {
                    group.addTask { try await world.call(.post, "/v1/chats/\(chat)/join", token: team.agents["ann"]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.filter { $0.status == .ok }.count == 2)
            for refused in responses where refused.status != .ok {
                refused.expectError(.native(), .conflict, code: "at_capacity")
            }
            let active = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats?state=active", token: team.admin)
            #expect(active.items.count == 2)
        }
    }

    @Test(arguments: TestBackend.available)
    func customAwayStatusesAndWhoMayChangeAStatus(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let team = try await Self.team(world, ["ann", "bob"])
            try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/away-statuses", token: team.agents["ann"], json: ["name": "Lunch"])
            _ = try await world.expect(.created, Wire.List<String>.self, .post, "/v1/away-statuses", token: team.admin, json: ["name": "Lunch"])
            try await world.expectError(.unprocessableContent, code: "invalid_field", .put, "/v1/agents/\(team.ids["ann"]!)/status",
                                        token: team.agents["ann"], json: Wire.StatusChange(status: "away", awayReason: "Nap"))
            try await world.expectError(.forbidden, code: "forbidden", .put, "/v1/agents/\(team.ids["bob"]!)/status",
                                        token: team.agents["ann"], json: Wire.StatusChange(status: "online", awayReason: nil))

            let caughtUp = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=0", token: team.admin)
            let pushed = try await world.whileListening {
                try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=\(caughtUp.cursor)&timeout=10", token: team.admin)
            }
            let lunch = try await Self.setStatus(world, team, "ann", "away", reason: "Lunch")
            #expect(lunch.status == "away" && lunch.awayReason == "Lunch")
            let presence = try await pushed.value.presence
            #expect(presence.map(\.agentId) == [team.ids["ann"]!])
            #expect(presence.first?.awayReason == "Lunch")
        }
    }
}
