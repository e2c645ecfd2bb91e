import ChatCore
import Foundation
import Hummingbird
import ParleyTestSupport
import Testing

@Suite("Visitors: invitations", .timeLimit(.minutes(2)))
struct VisitorInvitationTests {
    @Test(arguments: TestBackend.available)
    func aVisitorDeclinesOneInvitationAndAcceptsTheNext(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let agent = try #require(team.agents["ann"])
            let (visitor, token) = try await world.trackVisitor()

            let invited = try await world.expect(.created, Wire.VisitorOverview.self, .post, "/v1/visitors/\(visitor.id)/invitation", token: agent)
            #expect(invited.status == "manuallyInvited" && invited.invitation?.agentId == team.ids["ann"])
            let mine = try await world.expect(.ok, Wire.VisitorOverview.self, .get, "/v1/visitors/me", token: token)
            #expect(mine.invitation?.answer == "pending", "the visitor sees the invitation it holds")

            let declined = try await world.expect(.ok, Wire.VisitorOverview.self, .post, "/v1/visitors/me/invitation", token: token,
                                                  json: ["accept": false])
            #expect(declined.status == "refusedByVisitor")
            try await world.expectError(.conflict, code: "no_invitation", .post, "/v1/visitors/me/invitation", token: token,
                                        json: ["accept": true])

            _ = try await world.expect(.created, Wire.VisitorOverview.self, .post, "/v1/visitors/\(visitor.id)/invitation", token: agent)
            let accepted = try await world.expect(.ok, Wire.VisitorOverview.self, .post, "/v1/visitors/me/invitation", token: token,
                                                  json: ["accept": true])
            #expect(accepted.status == "inSite" && accepted.invitation?.answer == "accepted")
            let chat = try await world.expect(.created, Wire.VisitorsChat.self, .post, "/v1/chats", token: token,
                                              json: Wire.VisitorStartChat(departmentId: team.department, message: "Yes please"))
            try await world.expectError(.conflict, code: "visitor_unavailable", .post, "/v1/visitors/\(visitor.id)/invitation", token: agent)
            #expect(try await world.visitorOverview(visitor.id, token: agent).currentChatId == chat.chat.id)
        }
    }

    @Test(arguments: TestBackend.available)
    func onlyAgentsInviteAndOnlyVisitorsOnTheSite(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let (visitor, token) = try await world.trackVisitor()
            try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/visitors/\(visitor.id)/invitation", token: token)
            try await world.expectError(.notFound, code: "visitor_not_found", .post, "/v1/visitors/nobody/invitation", token: admin)
            world.clock.advance(by: .seconds(301))
            try await world.expectError(.conflict, code: "visitor_unavailable", .post, "/v1/visitors/\(visitor.id)/invitation", token: admin)
        }
    }
}

@Suite("Visitors: auto-invitation rules", .timeLimit(.minutes(2)))
struct AutoInvitationTests {
    struct Rule: Codable {
        var id: String?
        let name: String
        let urlPattern: String?
        let secondsOnPage: Int
    }

    @Test(arguments: TestBackend.available)
    func aVisitorLongEnoughOnAMatchingPageIsInvitedOncePerVisit(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let rule = try await world.expect(.created, Rule.self, .post, "/v1/auto-invitation-rules", token: admin,
                                              json: Rule(name: "Pricing help", urlPattern: "*/pricing*", secondsOnPage: 30))
            let (visitor, token) = try await world.trackVisitor(Wire.Track(url: "https://shop.example/pricing?plan=pro"))
            #expect(visitor.status == "inSite", "not yet: 30 seconds on the page first")
            world.clock.advance(by: .seconds(31))
            try await world.call(.post, "/v1/visitors/me/heartbeat", token: token, json: [String: Bool]())
            let invited = try await world.visitorOverview(visitor.id, token: admin)
            #expect(invited.status == "autoInvited" && invited.invitation?.kind == "auto" && invited.invitation?.agentId == nil)

            _ = try await world.expect(.ok, Wire.VisitorOverview.self, .post, "/v1/visitors/me/invitation", token: token, json: ["accept": false])
            try await world.call(.post, "/v1/visitors/me/pageviews", token: token, json: Wire.PageViewBody(url: "https://shop.example/pricing"))
            world.clock.advance(by: .seconds(31))
            try await world.call(.post, "/v1/visitors/me/heartbeat", token: token, json: [String: Bool]())
            #expect(try await world.visitorOverview(visitor.id, token: admin).status == "refusedByVisitor", "once per visit")

            let (elsewhere, otherToken) = try await world.trackVisitor(Wire.Track(url: "https://shop.example/about"))
            world.clock.advance(by: .seconds(31))
            try await world.call(.post, "/v1/visitors/me/heartbeat", token: otherToken, json: [String: Bool]())
            #expect(try await world.visitorOverview(elsewhere.id, token: admin).status == "inSite", "the page does not match")

            let rules = try await world.expect(.ok, Wire.List<Rule>.self, .get, "/v1/auto-invitation-rules", token: admin)
            #expect(rules.items.map(\.name) == ["Pricing help"])
            let id = try #require(rule.id)
            #expect(try await world.call(.delete, "/v1/auto-invitation-rules/\(id)", token: admin).status == .noContent)
            try await world.expectError(.notFound, code: "rule_not_found", .delete, "/v1/auto-invitation-rules/\(id)", token: admin)
        }
    }

    @Test(arguments: TestBackend.available)
    func onlyAdminsSetRulesAndBadOnesAreRefused(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let department = try await world.createDepartment("Sales", admin: admin).id
            let agent = try await world.agentToken("ann@example.com", departments: [department], admin: admin)
            try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/auto-invitation-rules", token: agent,
                                        json: Rule(name: "Any", urlPattern: nil, secondsOnPage: 10))
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "secondsOnPage", .post,
                                        "/v1/auto-invitation-rules", token: admin, json: Rule(name: "Any", urlPattern: nil, secondsOnPage: -1))
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "name", .post,
                                        "/v1/auto-invitation-rules", token: admin, json: Rule(name: " ", urlPattern: nil, secondsOnPage: 5))
            #expect(try await world.expect(.ok, Wire.List<Rule>.self, .get, "/v1/auto-invitation-rules", token: admin).items.isEmpty)
        }
    }
}
