import ParleyTestSupport
import Testing

/// The site's page tells the widget what it knows of its visitor on any page, not only the first.
@Suite("A visitor's own custom variables", .timeLimit(.minutes(3)))
struct VisitorOwnVariablesTests {
    @Test(arguments: TestBackend.available)
    func aVisitorReplacesItsOwnVariablesAndNobodyElses(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let (visitor, token) = try await world.trackVisitor()
            let (other, _) = try await world.trackVisitor()
            let plan = [Wire.Pair(name: "plan", value: "gold", url: "https://crm.example/ana")]

            try await world.call(.put, "/v1/visitors/me/custom-variables", token: token, json: plan)
            #expect(try await world.visitorOverview(visitor.id, token: admin).customVariables == plan)

            try await world.expectError(.forbidden, code: "forbidden", .put, "/v1/visitors/\(other.id)/custom-variables",
                                        token: token, json: plan)
            try await world.expectError(.forbidden, code: "forbidden", .put, "/v1/visitors/me/custom-variables",
                                        token: admin, json: plan)
            let tooLong = [Wire.Pair(name: "note", value: String(repeating: "é", count: 2001), url: "")]
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "customVariables", .put,
                                        "/v1/visitors/me/custom-variables", token: token, json: tooLong)
            #expect(try await world.visitorOverview(other.id, token: admin).customVariables.isEmpty)
            #expect(try await world.visitorOverview(visitor.id, token: admin).customVariables == plan)
        }
    }
}
