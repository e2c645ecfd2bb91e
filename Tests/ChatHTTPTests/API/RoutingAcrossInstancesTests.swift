import ChatCore
import ChatHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

/// Several Parley servers share one PostgreSQL database: each routing decision is taken once.
@Suite("Routing across instances", .timeLimit(.minutes(3)))
struct RoutingAcrossInstancesTests {
    @Test(arguments: TestBackend.sharedDatabase)
    func twoInstancesRoutingOneQueueOfferEachChatOnceWithinCapacity(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let names = ["a1", "a2", "a3", "a4"]
            let team = try await RoutingTests.team(world, names)
            for name in names {
                _ = try await world.expect(.ok, Wire.AgentStatus.self, .put, "/v1/agents/\(team.ids[name]!)/capacity",
                                           token: team.admin, json: ["maxChats": 3])
            }
            var chats: [String] = []
            for _ in 0..<6 { chats.append(try await world.startChat(department: team.department).chat.id) }
            let other = try await SecondInstance.open(beside: world)
            let instances = [world.services, other.services]
            let department = DepartmentID(team.department)

            // Agents come online, routers run and visitors arrive, all at once on both instances.
            let started = try await withThrowingTaskGroup(of: String?.self) { group in
                for (index, name) in names.enumerated() {
                    group.addTask {
                        _ = try await instances[index % 2].routing.setStatus(.online, of: AgentID(team.ids[name]!), by: .localOperator)
                        return nil
                    }
                }
                for round in 0..<8 {
                    group.addTask {
                        try await instances[round % 2].routing.route(department)
                        return nil
                    }
                }
                for round in 0..<6 {
                    group.addTask {
                        let request = StartChatRequest(departmentID: department, name: "Visitor \(round)", email: "v\(round)@example.com", message: "Hi")
                        return try await instances[round % 2].chats.startChat(request, captcha: nil).chat.id.rawValue
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            chats += started.compactMap { $0 }
            try await world.services.routing.route(department)
            await other.close()

            var offeredTo: [String: Int] = [:]
            for chat in chats {
                let log = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events?limit=100", token: team.admin)
                let offers = log.items.filter { $0.type == "offered" }
                #expect(offers.count == 1, "chat \(chat) was offered \(offers.count) times")
                #expect(!log.items.contains { $0.type == "offer_withdrawn" })
                let routed = try await RoutingTests.chat(world, team, chat)
                if let agent = routed.offeredTo { offeredTo[agent, default: 0] += 1 }
            }
            #expect(offeredTo.values.sorted() == [3, 3, 3, 3], "every agent at capacity, none beyond: \(offeredTo)")
            let agents = try await world.expect(.ok, Wire.List<Wire.AgentStatus>.self, .get, "/v1/agents", token: team.admin)
            #expect(agents.items.filter { team.ids.values.contains($0.id) }.allSatisfy { $0.ongoingChats == 3 })
        }
    }
}
