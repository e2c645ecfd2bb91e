import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

/// `/v1/bans`: admins alone list, add and lift bans; what they send is checked whole.
@Suite("Ban administration", .timeLimit(.minutes(3)))
struct BanAdminTests {
    @Test(arguments: TestBackend.available)
    func adminsBanVisitorsAndRangesAndListThemOldestFirst(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let visitorBan = try await world.ban(Wire.NewBan(visitorId: started.visitor.id, reason: "Abusive"), admin: admin)
            #expect(visitorBan.visitorId == started.visitor.id && visitorBan.addresses == nil && visitorBan.reason == "Abusive")
            let adminID = try await world.login(TestWorld.adminEmail).agent.id
            #expect(visitorBan.createdBy == adminID)
            world.clock.advance(by: .seconds(1))
            let rangeBan = try await world.ban(Wire.NewBan(addresses: "2001:db8:0:0::/48"), admin: admin)
            #expect(rangeBan.addresses == "2001:db8::/48" && rangeBan.reason == nil)

            let listed = try await world.expect(.ok, Wire.List<Wire.Ban>.self, .get, "/v1/bans", token: admin)
            #expect(listed.items.map(\.id) == [visitorBan.id, rangeBan.id])

            // The check the visitor-tracking endpoint makes names the banned visitor alone.
            await #expect(throws: ChatError.banned) {
                try await world.services.bans.check(visitor: VisitorID(started.visitor.id), address: nil)
            }
            try await world.services.bans.check(visitor: VisitorID("someone-else"), address: "not an address")
        }
    }

    @Test(arguments: TestBackend.available)
    func onlyAdminsManageBans(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let ban = try await world.ban(Wire.NewBan(addresses: "192.0.2.0/24"), admin: admin)
            let agent = try await world.agentToken("ann@example.com", departments: [sales.id], admin: admin)
            let visitor = try await world.startChat(department: sales.id).credentials.accessToken
            let body = Wire.NewBan(addresses: "198.51.100.0/24")
            for token in [agent, visitor] {
                try await world.expectError(.forbidden, code: "forbidden", .get, "/v1/bans", token: token)
                try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/bans", token: token, json: body)
                try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/bans", token: token, json: Wire.NewBan(addresses: "nonsense"))
                try await world.expectError(.forbidden, code: "forbidden", .delete, "/v1/bans/\(ban.id)", token: token)
            }
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/bans")
            try await world.expectError(.unauthorized, code: "unauthenticated", .post, "/v1/bans", json: body)
            try await world.expectError(.unauthorized, code: "unauthenticated", .delete, "/v1/bans/\(ban.id)")
            let listed = try await world.expect(.ok, Wire.List<Wire.Ban>.self, .get, "/v1/bans", token: admin)
            #expect(listed.items.map(\.id) == [ban.id], "nothing refused was stored, nothing refused was lifted")
        }
    }

    @Test(arguments: TestBackend.available)
    func malformedBansAreRefusedNamingTheFieldAndNothingIsStored(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let visitor = try await world.startChat(department: sales.id).visitor.id
            let refused: [(Wire.NewBan, String, String)] = [
                (Wire.NewBan(addresses: "192.0.2.0/33"), "addresses", "invalid_field"),
                (Wire.NewBan(addresses: "192.0.2.20-192.0.2.10"), "addresses", "invalid_field"),
                (Wire.NewBan(addresses: "192.0.2.1-2001:db8::1"), "addresses", "invalid_field"),
                (Wire.NewBan(addresses: "example.com"), "addresses", "invalid_field"),
                (Wire.NewBan(addresses: String(repeating: "1", count: 101)), "addresses", "invalid_field"),
                (Wire.NewBan(visitorId: visitor, addresses: "192.0.2.1"), "addresses", "invalid_field"),
                (Wire.NewBan(), "visitorId", "invalid_field"),
                (Wire.NewBan(visitorId: "no-such-visitor"), "visitorId", "invalid_field"),
                (Wire.NewBan(visitorId: String(repeating: "v", count: 5000)), "visitorId", "invalid_field"),
                (Wire.NewBan(addresses: "192.0.2.1", reason: "   "), "reason", "invalid_field"),
                (Wire.NewBan(addresses: "192.0.2.1", reason: String(repeating: "é", count: 4001)), "reason", "message_too_long"),
                (Wire.NewBan(addresses: "192.0.2.1", reason: "nul \u{0}"), "reason", "invalid_field"),
            ]
            for (body, field, code) in refused {
                try await world.expectError(.unprocessableContent, code: code, field: field, .post, "/v1/bans", token: admin, json: body)
            }
            let listed = try await world.expect(.ok, Wire.List<Wire.Ban>.self, .get, "/v1/bans", token: admin)
            #expect(listed.items.isEmpty)
            try await world.expectError(.notFound, code: "ban_not_found", .delete, "/v1/bans/unknown", token: admin)
            try await world.expectError(.notFound, code: "ban_not_found", .delete, "/v1/bans/\(String(repeating: "x", count: 2000))", token: admin)
        }
    }
}
