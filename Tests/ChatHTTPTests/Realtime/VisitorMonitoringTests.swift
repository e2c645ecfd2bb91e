import ChatCore
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import ParleyTestSupport
import Testing

/// Agents follow the visitors on the site through the same feeds as chats: each change once,
/// as the visitor is now, from a revision the client keeps.
@Suite("Visitors followed live", .timeLimit(.minutes(3)))
struct VisitorMonitoringTests {
    struct VisitorSync: Decodable {
        let cursor: Int64
        let visitors: [Wire.VisitorOverview]?
        let visitorRevision: Int64?
    }

    static func poll(_ world: TestWorld, token: String, revision: String, timeout: Int = 10) async throws -> VisitorSync {
        try await world.expect(.ok, VisitorSync.self, .get, "/v1/sync?cursor=latest&visitorRevision=\(revision)&timeout=\(timeout)", token: token)
    }

    @Test(arguments: TestBackend.available)
    func aWaitingPollWakesWithEachVisitorOnceAsItIsNow(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let start = try await Self.poll(world, token: admin, revision: "latest", timeout: 0)
            #expect(start.visitors?.isEmpty == true && start.visitorRevision != nil)
            let revision = try #require(start.visitorRevision)

            let woken = try await world.whileListening { try await Self.poll(world, token: admin, revision: "\(revision)") }
            let (visitor, token) = try await world.trackVisitor()
            let first = try await woken.value
            #expect(first.visitors?.map(\.id) == [visitor.id] && first.visitors?.first?.status == "inSite")
            let next = try #require(first.visitorRevision)
            #expect(next > revision)

            // Two page views between polls: one entry, the newest page.
            try await world.call(.post, "/v1/visitors/me/pageviews", token: token, json: Wire.PageViewBody(url: "https://shop.example/a"))
            try await world.call(.post, "/v1/visitors/me/pageviews", token: token, json: Wire.PageViewBody(url: "https://shop.example/b"))
            let coalesced = try await Self.poll(world, token: admin, revision: "\(next)")
            #expect(coalesced.visitors?.map(\.id) == [visitor.id])
            #expect(coalesced.visitors?.first?.currentPage?.url == "https://shop.example/b" && coalesced.visitors?.first?.pageViews == 3)

            // A heartbeat that changes nothing is no news.
            let quiet = try #require(coalesced.visitorRevision)
            try await world.call(.post, "/v1/visitors/me/heartbeat", token: token, json: [String: Bool]())
            let idle = try await Self.poll(world, token: admin, revision: "\(quiet)", timeout: 0)
            #expect(idle.visitors?.isEmpty == true && idle.visitorRevision == quiet)

            let plain = try await world.expect(.ok, VisitorSync.self, .get, "/v1/sync?cursor=latest&timeout=0", token: admin)
            #expect(plain.visitors == nil && plain.visitorRevision == nil, "a feed that does not ask follows no visitors")
        }
    }

    @Test(arguments: TestBackend.available)
    func aChatAndADepartureReachTheAgentsFollowingVisitors(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let department = try await world.createDepartment("Sales", admin: admin).id
            let (visitor, token) = try await world.trackVisitor()
            let revision = try #require(try await Self.poll(world, token: admin, revision: "latest", timeout: 0).visitorRevision)

            _ = try await world.expect(.created, Wire.VisitorsChat.self, .post, "/v1/chats", token: token,
                                       json: Wire.VisitorStartChat(departmentId: department, message: "Hello"))
            let asking = try await Self.poll(world, token: admin, revision: "\(revision)")
            #expect(asking.visitors?.map(\.status) == ["offlineMessage"])

            let (browsing, _) = try await world.trackVisitor()
            let seen = try #require(try await Self.poll(world, token: admin, revision: "latest", timeout: 0).visitorRevision)
            world.clock.advance(by: .seconds(301))
            #expect(try await world.services.visitors.announceDepartures() == 1, "the one with an open chat is still followed by its chat")
            let fresh = try await world.login(TestWorld.adminEmail).accessToken
            let gone = try await Self.poll(world, token: fresh, revision: "\(seen)")
            #expect(gone.visitors?.map(\.id) == [browsing.id] && gone.visitors?.first?.status == "outOfSite")
            #expect(try await world.services.visitors.announceDepartures() == 0, "a departure is announced once")
            _ = visitor
        }
    }

    @Test(arguments: TestBackend.available)
    func aVisitorHearsItsOwnInvitationAndNoOneElsesChanges(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let (visitor, token) = try await world.trackVisitor()
            let revision = try #require(try await Self.poll(world, token: token, revision: "latest", timeout: 0).visitorRevision)
            let woken = try await world.whileListening { try await Self.poll(world, token: token, revision: "\(revision)") }
            _ = try await world.trackVisitor()
            _ = try await world.expect(.created, Wire.VisitorOverview.self, .post, "/v1/visitors/\(visitor.id)/invitation", token: admin)
            let invited = try await woken.value
            #expect(invited.visitors?.map(\.id) == [visitor.id], "only itself")
            #expect(invited.visitors?.first?.invitation?.answer == "pending" && invited.visitors?.first?.status == "manuallyInvited")
        }
    }

    @Test(arguments: TestBackend.available)
    func aWebSocketPushesVisitorChanges(_ backend: TestBackend) async throws {
        struct ServerMessage: Decodable {
            let type: String
            let visitors: [Wire.VisitorOverview]?
            let visitorRevision: Int64?
        }
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let admin = try await world.adminToken()
            let (early, token) = try await world.trackVisitor()
            let statuses = Box<[[String]]>([])
            try await world.client.ws("/v1/ws?access_token=\(admin)&cursor=latest&visitorRevision=0") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                var seen: [[String]] = []
                while seen.count < 2, let message = try await messages.next() {
                    guard case .text(let text) = message else { continue }
                    let decoded = try JSONDecoder().decode(ServerMessage.self, from: Data(text.utf8))
                    guard decoded.type == "visitors", let visitors = decoded.visitors else { continue }
                    #expect(decoded.visitorRevision != nil)
                    seen.append(visitors.map { "\($0.id) \($0.status)" })
                    if seen.count == 1 {
                        try await world.call(.post, "/v1/visitors/me/heartbeat", token: token, json: ["preChat": true])
                    }
                }
                statuses.value = seen
            }
            #expect(statuses.value == [["\(early.id) inSite"], ["\(early.id) preChat"]])
        }
    }
}
