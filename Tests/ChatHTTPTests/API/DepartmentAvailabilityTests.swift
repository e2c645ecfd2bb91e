import ParleyTestSupport
import Testing

/// The public department list says whether someone is online to answer, so the widget can
/// offer a chat or the offline form before the visitor types anything.
@Suite("Department availability", .timeLimit(.minutes(3)))
struct DepartmentAvailabilityTests {
    struct Listed: Codable {
        let id: Int64
        let agentsOnline: Bool?
    }

    static func online(_ world: TestWorld) async throws -> [Int64: Bool?] {
        let listed = try await world.expect(.ok, Wire.List<Listed>.self, .get, "/v1/departments").items
        return Dictionary(uniqueKeysWithValues: listed.map { ($0.id, $0.agentsOnline) })
    }

    @Test(arguments: TestBackend.available)
    func aDepartmentIsStaffedWhileOneOfItsAgentsIsOnline(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let other = try await world.createDepartment("Billing", admin: team.admin).id
            #expect(try await Self.online(world) == [team.department: false, other: false])

            _ = try await RoutingTests.setStatus(world, team, "ann", "online")
            #expect(try await Self.online(world) == [team.department: true, other: false])

            _ = try await RoutingTests.setStatus(world, team, "ann", "away")
            #expect(try await Self.online(world) == [team.department: false, other: false])
        }
    }
}
