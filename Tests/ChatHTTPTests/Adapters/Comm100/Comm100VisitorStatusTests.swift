import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Comm100 visitor statuses", .timeLimit(.minutes(3)))
struct Comm100VisitorStatusTests {
    @Test(arguments: TestBackend.available)
    func aVisitorsStatusFollowsItFromTheSiteThroughItsChatAndOff(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let admin = team.admin
            let (tracked, token) = try await world.trackVisitor()
            let guid = TestWorld.comm100GUID(tracked.id)
            func status() async throws -> String? { try await world.comm100Visitor(guid, token: admin)["status"]?.string }
            #expect(try await status() == "inSite")

            try await world.call(.post, "/v1/visitors/me/heartbeat", token: token, json: ["preChat": true])
            #expect(try await status() == "preChat")

            let form = Wire.VisitorStartChat(
                departmentId: team.department, name: "Leo", email: "leo@example.com", message: "Hello",
                fields: [.init(name: "phone", value: "1234567890123", url: ""), .init(name: "company", value: "comm", url: ""),
                         .init(name: "productService", value: "LA", url: "")]
            )
            let started = try await world.call(.post, "/v1/chats", token: token, json: form)
            #expect(started.status == .created, "\(String(buffer: started.body))")
            let chat = try #require(try JSONValue(data: Data(buffer: started.body))["chat"]?["id"]?.string)
            let offline = try await world.comm100Visitor(guid, token: admin)
            #expect(offline["status"]?.string == "offlineMessage", "nobody is online to answer")
            #expect(offline["departmentId"]?.string == String(format: "00000000-0000-0000-0000-%012llx", team.department))
            #expect(offline["chats"]?.number == 1 && offline["name"]?.string == "Leo" && offline["email"]?.string == "leo@example.com")
            #expect(offline["phone"]?.string == "1234567890123" && offline["company"]?.string == "comm" && offline["productService"]?.string == "LA")
            #expect(offline["customFields"]?.array?.compactMap { $0["name"]?.string } == ["name", "email", "phone", "company", "productService"])
            #expect(offline["customFields"]?.array?.compactMap { $0["value"]?.string }.first == "Leo")

            _ = try await RoutingTests.setStatus(world, team, "ann", "online")
            #expect(try await status() == "waitingForChat")

            _ = try await world.call(.post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            #expect(try await status() == "chatting")

            let closed = try await world.call(.post, "/v1/chats/\(chat)/close", token: team.agents["ann"])
            #expect(closed.status == .ok, "\(String(buffer: closed.body))")
            #expect(try await status() == "chatEnded")
            #expect(try await world.comm100Visitors(token: admin).compactMap { $0["id"]?.string } == [guid])

            world.clock.advance(by: .seconds(301))
            #expect(try await status() == "outOfSite", "silent for longer than the presence window")
            #expect(try await world.comm100Visitors(token: admin).isEmpty, "the listing holds the visitors on the site only")
        }
    }

    @Test(arguments: TestBackend.available)
    func theStatusFilterTakesEveryComm100StatusAndRefusesOthers(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let (browsingVisitor, _) = try await world.trackVisitor()
            let (fillingVisitor, fillingToken) = try await world.trackVisitor()
            try await world.call(.post, "/v1/visitors/me/heartbeat", token: fillingToken, json: ["preChat": true])
            let browsing = TestWorld.comm100GUID(browsingVisitor.id)
            let filling = TestWorld.comm100GUID(fillingVisitor.id)

            #expect(Set(try await world.comm100Visitors(token: admin).compactMap { $0["id"]?.string }) == [browsing, filling])
            #expect(try await world.comm100Visitors(status: "inSite", token: admin).compactMap { $0["id"]?.string } == [browsing])
            #expect(try await world.comm100Visitors(status: "preChat", token: admin).compactMap { $0["id"]?.string } == [filling])
            #expect(try await world.comm100Visitors(status: "PRECHAT", token: admin).count == 1, "statuses are read in any case")
            let all = [
                "waitingForChat", "voiceChatting", "chatting", "preChat", "manuallyInvited", "autoInvited", "offlineMessage",
                "refusedByOperator", "refusedByVisitor", "chatEnded", "inSite", "outOfSite", "transferring",
                "manuallyInvitedByWindow", "systemProcessing",
            ]
            for status in all {
                let response = try await world.call(.get, "/livechat/visitors?status=\(status)", token: admin)
                #expect(response.status == .ok, "\(status) is one of Comm100's statuses")
            }
            #expect(try await world.comm100Visitors(status: "voiceChatting", token: admin).isEmpty)
            try await world.call(.get, "/livechat/visitors?status=browsing", token: admin).expectError(.comm100, .badRequest, code: "malformed_request")
            try await world.call(.get, "/livechat/visitors?status=", token: admin).expectError(.comm100, .badRequest, code: "malformed_request")
        }
    }
}
