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
