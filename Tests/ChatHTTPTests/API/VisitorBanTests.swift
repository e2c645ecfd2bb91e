import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import ParleyTestSupport
import Testing

/// A ban keeps a visitor from being tracked, not only from starting chats.
@Suite("Bans on tracked visitors", .timeLimit(.minutes(2)))
struct VisitorBanTests {
    @Test(arguments: TestBackend.available)
    func aBannedAddressIsNotTrackedAndABannedVisitorNeitherViewsPagesNorChats(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: TestWorld.behindProxy) { world in
            let admin = try await world.adminToken()
            let department = try await world.createDepartment("Sales", admin: admin).id
            _ = try await world.ban(Wire.NewBan(addresses: "192.0.2.0/24"), admin: admin)
            let from: (String) -> HTTPFields = { [TestWorld.forwardedFor: $0] }

            let refused = try await world.call(.post, "/v1/visitors", json: Wire.Track(url: "https://shop.example/"), headers: from("192.0.2.255"))
            refused.expectError(.native(), .forbidden, code: "banned")
            let tracked = try await world.call(.post, "/v1/visitors", json: Wire.Track(url: "https://shop.example/"), headers: from("192.0.3.0"))
            #expect(tracked.status == .created)
            let visitor = try JSONDecoder().decode(Wire.TrackedVisitor.self, from: Data(buffer: tracked.body))
            let token = visitor.credentials.accessToken
            let listed = try await world.expect(.ok, Wire.VisitorList.self, .get, "/v1/visitors", token: admin)
            #expect(listed.items.map(\.id) == [visitor.visitor.id], "the refused one stored nothing")

            _ = try await world.ban(Wire.NewBan(visitorId: visitor.visitor.id), admin: admin)
            let view = try await world.call(.post, "/v1/visitors/me/pageviews", token: token,
                                            json: Wire.PageViewBody(url: "https://shop.example/next"), headers: from("192.0.3.0"))
            view.expectError(.native(), .forbidden, code: "banned")
            let chat = try await world.call(.post, "/v1/chats", token: token,
                                            json: Wire.VisitorStartChat(departmentId: department, message: "Hi"), headers: from("192.0.3.0"))
            chat.expectError(.native(), .forbidden, code: "banned")
            #expect(try await world.visitorOverview(visitor.visitor.id, token: admin).pageViews == 1)
        }
    }
}
