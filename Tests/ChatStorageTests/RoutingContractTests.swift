import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Synchronization
import Testing

@Suite("Routing storage contract", .timeLimit(.minutes(2)))
struct RoutingContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    /// A department with online agents named by `names`, and `chats` queued chats (oldest first).
    static func queue(
        in store: SQLStorage, agents names: [String], chats count: Int
    ) async throws -> (department: Department, agents: [AgentID], chats: [ChatID]) {
        let department = try await store.createDepartment(name: "Sales", at: now)
        var agents: [AgentID] = []
        for name in names {
            let agent = DirectoryContractTests.agent("\(name)@example.com", departments: [department.id])
            try await store.createAgent(agent, passwordHash: "x")
            _ = try await store.setAgentStatus(agent.id, to: .online)
            agents.append(agent.id)
        }
        var chats: [ChatID] = []
        for _ in 0..<count {
            chats.append(try await ChatLogContractTests.startChat(in: store, department: department.id).0.id)
        }
        return (department, agents, chats)
    }

    @Test(arguments: TestBackend.available)
    func routingSeesTheWaitingChatsAndOnlineAgentsAndRecordsItsOffers(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (department, agents, chats) = try await Self.queue(in: store, agents: ["ann", "bob"], chats: 3)
            let offline = DirectoryContractTests.agent("cat@example.com", departments: [department.id])
            try await store.createAgent(offline, passwordHash: "x")
            let elsewhere = try await store.createDepartment(name: "Support", at: Self.now)
            let outsider = DirectoryContractTests.agent("dan@example.com", departments: [elsewhere.id])
            try await store.createAgent(outsider, passwordHash: "x")
            _ = try await store.setAgentStatus(outsider.id, to: .online)

            let seen = Mutex<[RoutingSnapshot]>([])
            let offered = try await store.routeDepartment(department.id, capacity: CapacityRule(defaultMaxChats: 2), at: Self.now) { snapshot in
                seen.withLock { $0.append(snapshot) }
                return [(chats[0], agents[0]), (chats[1], agents[1])]
            }
            let first = try #require(seen.withLock { $0.first })
            #expect(first.waiting.map(\.id) == chats, "every queued chat, oldest first")
            #expect(Set(first.candidates.map(\.agentID)) == Set(agents), "online agents of the department only")
            #expect(first.candidates.allSatisfy { $0.load == 0 && $0.capacity == 2 && $0.lastRoutedAt == nil })
            #expect(offered.map(\.0.id) == [chats[0], chats[1]])
            #expect(offered.map { $0.1.map(\.body) } == [[.offered(agents[0])], [.offered(agents[1])]])
            #expect(try await store.chat(chats[0])?.offer == Offer(agentID: agents[0], at: Self.now))
            #expect(try await store.chatsOffered(to: agents[0]).map(\.id) == [chats[0]])
            #expect(try await store.agentLoads() == [agents[0]: 1, agents[1]: 1])

            let later = Self.now.addingTimeInterval(5)
            let again = try await store.routeDepartment(department.id, capacity: CapacityRule(defaultMaxChats: 2), at: later) { snapshot in
                seen.withLock { $0.append(snapshot) }
                // A chat that is not waiting any more is not offered again, whatever the decision says.
                return [(chats[0], agents[1])]
            }
            #expect(again.isEmpty)
            let second = try #require(seen.withLock { $0.last })
            #expect(second.waiting.map(\.id) == [chats[2]], "chats with an offer are not waiting")
            #expect(second.candidates.allSatisfy { $0.load == 1 && $0.lastRoutedAt == Self.now })
            #expect(try await store.chat(chats[0])?.offer?.agentID == agents[0])
            await #expect(throws: ChatError.departmentNotFound(DepartmentID(999))) {
                try await store.routeDepartment(DepartmentID(999), capacity: CapacityRule(defaultMaxChats: 2), at: Self.now) { _ in [] }
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func capacityComesFromTheAgentThenTheDepartmentThenTheDefault(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (department, agents, _) = try await Self.queue(in: store, agents: ["ann", "bob"], chats: 1)
            _ = try await store.setAgentCapacity(agents[0], maxChats: 5)
            func capacities() async throws -> [AgentID: Int] {
                let seen = Mutex<[AgentID: Int]>([:])
                _ = try await store.routeDepartment(department.id, capacity: CapacityRule(defaultMaxChats: 3), at: Self.now) { snapshot in
                    seen.withLock { seen in snapshot.candidates.forEach { seen[$0.agentID] = $0.capacity } }
                    return []
                }
                return seen.withLock { $0 }
            }
            #expect(try await capacities() == [agents[0]: 5, agents[1]: 3])
            let routed = try await store.setDepartmentRouting(department.id, mode: .roundRobin, maxChatsPerAgent: 4)
            #expect(routed.routingMode == .roundRobin && routed.maxChatsPerAgent == 4)
            #expect(try await store.department(department.id) == routed)
            #expect(try await capacities() == [agents[0]: 5, agents[1]: 4])
            #expect(try await store.setAgentCapacity(agents[0], maxChats: nil).maxChats == nil)
            #expect(try await capacities() == [agents[0]: 4, agents[1]: 4])
            await #expect(throws: ChatError.agentNotFound(AgentID("nobody"))) { try await store.setAgentCapacity(AgentID("nobody"), maxChats: 1) }
            await #expect(throws: ChatError.agentNotFound(AgentID("nobody"))) { try await store.setAgentStatus(AgentID("nobody"), to: .online) }
            await #expect(throws: ChatError.departmentNotFound(DepartmentID(999))) {
                try await store.setDepartmentRouting(DepartmentID(999), mode: .leastBusy, maxChatsPerAgent: nil)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func acceptingPassesTheAgentsLoadWithoutTheChatsOwnOffer(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (department, agents, chats) = try await Self.queue(in: store, agents: ["ann"], chats: 3)
            let ann = agents[0]
            _ = try await store.routeDepartment(department.id, capacity: CapacityRule(defaultMaxChats: 3), at: Self.now) { _ in [(chats[0], ann), (chats[1], ann)] }
            let loads = Mutex<[Int]>([])
            let join: @Sendable (Chat, Int) throws -> ChatChange = { chat, load in
                loads.withLock { $0.append(load) }
                return ChatChange(state: .active, agentID: ann, offer: .some(nil), events: [EventDraft(author: .agent(ann), body: .joined)])
            }
            let (joined, events) = try await store.acceptChat(chats[0], by: ann, at: Self.now, join)
            #expect(joined.state == .active && joined.agentID == ann && joined.offer == nil)
            #expect(events.map(\.body) == [.joined])
            _ = try await store.acceptChat(chats[2], by: ann, at: Self.now, join)
            #expect(loads.withLock { $0 } == [1, 2], "the other offer, then also the active chat")
            #expect(try await store.agentLoads() == [ann: 3])

            struct Refused: Error {}
            await #expect(throws: Refused.self) { try await store.acceptChat(chats[1], by: ann, at: Self.now) { _, _ in throw Refused() } }
            #expect(try await store.chat(chats[1])?.offer?.agentID == ann, "a refused accept changes nothing")
            await #expect(throws: ChatError.chatNotFound(ChatID("missing"))) { try await store.acceptChat(ChatID("missing"), by: ann, at: Self.now, join) }
            await #expect(throws: ChatError.agentNotFound(AgentID("nobody"))) { try await store.acceptChat(chats[1], by: AgentID("nobody"), at: Self.now, join) }
        }
    }

    @Test(arguments: TestBackend.available)
    func expiredOffersAndWhoPassedOnAChat(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (department, agents, chats) = try await Self.queue(in: store, agents: ["ann", "bob"], chats: 2)
            _ = try await store.routeDepartment(department.id, capacity: CapacityRule(defaultMaxChats: 3), at: Self.now) { _ in [(chats[0], agents[0])] }
            _ = try await store.routeDepartment(department.id, capacity: CapacityRule(defaultMaxChats: 3), at: Self.now.addingTimeInterval(10)) { _ in [(chats[1], agents[1])] }
            #expect(try await store.chatsWithOffers(madeBefore: Self.now).isEmpty)
            #expect(try await store.chatsWithOffers(madeBefore: Self.now.addingTimeInterval(5)).map(\.id) == [chats[0]])
            #expect(try await store.chatsWithOffers(madeBefore: Self.now.addingTimeInterval(11)).map(\.id) == chats, "oldest offer first")

            let declinedAt = Self.now.addingTimeInterval(20)
            _ = try await store.updateChat(chats[0], replaying: nil, at: declinedAt) { _ in
                ChatChange(offer: .some(nil), events: [EventDraft(author: .agent(agents[0]), body: .offerWithdrawn(agents[0], .declined))])
            }
            _ = try await store.updateChat(chats[1], replaying: nil, at: declinedAt) { _ in
                ChatChange(offer: .some(nil), events: [EventDraft(author: .system, body: .offerWithdrawn(agents[1], .agentUnavailable))])
            }
            let passes = Mutex<[ChatID: [AgentID: Date]]>([:])
            _ = try await store.routeDepartment(department.id, capacity: CapacityRule(defaultMaxChats: 3), at: declinedAt) { snapshot in
                passes.withLock { $0 = snapshot.passedOver }
                return []
            }
            #expect(passes.withLock { $0 } == [chats[0]: [agents[0]: declinedAt]], "declines and timeouts count; an agent going away does not")
        }
    }

    @Test(arguments: TestBackend.available)
    func queuePositionsAndTheAverageWait(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (department, agents, chats) = try await Self.queue(in: store, agents: ["ann"], chats: 3)
            var positions: [Int] = []
            for chat in chats { positions.append(try await store.queuePosition(of: try #require(try await store.chat(chat)))) }
            #expect(positions == [1, 2, 3])
            #expect(try await store.averageWait(in: department.id, recent: 50) == nil, "nobody was joined yet")

            _ = try await store.acceptChat(chats[0], by: agents[0], at: Self.now.addingTimeInterval(30)) { _, _ in
                ChatChange(state: .active, agentID: agents[0], events: [EventDraft(author: .agent(agents[0]), body: .joined)])
            }
            #expect(try await store.averageWait(in: department.id, recent: 50) == 30)
            #expect(try await store.queuePosition(of: try #require(try await store.chat(chats[2]))) == 2, "an active chat left the line")
        }
    }

    @Test(arguments: TestBackend.available)
    func awayStatusesAreDefinedOnceListedByNameAndRemoved(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            try await store.defineAwayStatus("Lunch", at: Self.now)
            try await store.defineAwayStatus("Meeting", at: Self.now)
            try await store.defineAwayStatus("Lunch", at: Self.now.addingTimeInterval(1))
            #expect(try await store.awayStatuses() == ["Lunch", "Meeting"])
            try await store.removeAwayStatus("Lunch")
            try await store.removeAwayStatus("Never defined")
            #expect(try await store.awayStatuses() == ["Meeting"])

            let ann = DirectoryContractTests.agent("ann@example.com")
            try await store.createAgent(ann, passwordHash: "x")
            let away = try await store.setAgentStatus(ann.id, to: AgentStatus(.away, awayReason: "Meeting"))
            #expect(away.status == AgentStatus(.away, awayReason: "Meeting"))
            #expect(try await store.agent(ann.id)?.status == away.status)
            #expect(try await store.setAgentStatus(ann.id, to: .online).status.awayReason == nil)
        }
    }
}
