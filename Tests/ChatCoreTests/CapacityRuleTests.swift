import ChatCore
import Foundation
import Testing

@Suite("One capacity rule")
struct CapacityRuleTests {
    static let rule = CapacityRule(defaultMaxChats: 3)
    static let sales = Department(id: DepartmentID(1), name: "Sales", createdAt: Date(timeIntervalSince1970: 0), maxChatsPerAgent: 5)
    static let support = Department(id: DepartmentID(2), name: "Support", createdAt: Date(timeIntervalSince1970: 0))

    @Test func theAgentsOwnLimitWinsThenTheDepartmentsThenTheServersDefault() {
        #expect(Self.rule.capacity(agentLimit: 2, in: Self.sales) == 2)
        #expect(Self.rule.capacity(agentLimit: nil, in: Self.sales) == 5)
        #expect(Self.rule.capacity(agentLimit: nil, in: Self.support) == 3)
        #expect(Self.rule.capacity(agentLimit: nil, in: nil) == 3, "a department that is gone sets no limit")
        #expect(RoutingSettings().capacity == CapacityRule(defaultMaxChats: RoutingSettings().defaultMaxChats))
    }
}
