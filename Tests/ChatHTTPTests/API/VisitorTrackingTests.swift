import ChatCore
import ChatHTTP
import Foundation
import Hummingbird
import ParleyTestSupport
import Testing

@Suite("Visitors: tracking, statuses, chats of their own", .timeLimit(.minutes(3)))
struct VisitorTrackingTests {
    static let google = "https://www.google.com/search?q=blue+running+shoes"

    @Test(arguments: TestBackend.available)
    func aVisitorIsFollowedFromItsFirstPageThroughItsChatToItsLeaving(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let agent = try #require(team.agents["ann"])
            let (tracked, token) = try await world.trackVisitor(Wire.Track(
                url: "https://shop.example/shoes", title: "Shoes", referrer: Self.google, screenResolution: "1680x1050",
                timeZone: "Asia/Shanghai", customVariables: [Wire.Pair(name: "plan", value: "gold", url: "")]
            ))
            #expect(tracked.status == "inSite" && tracked.visits == 1 && tracked.pageViews == 1 && tracked.chats == 0)
            #expect(tracked.landingPage == "https://shop.example/shoes" && tracked.currentPage?.title == "Shoes")
            #expect(tracked.searchEngine == "Google" && tracked.searchKeywords == "blue running shoes")
            #expect(tracked.screenResolution == "1680x1050" && tracked.timeZoneOffset == "GMT +08:00")
            #expect(tracked.customVariables == [Wire.Pair(name: "plan", value: "gold", url: "")])

            try await world.call(.post, "/v1/visitors/me/pageviews", token: token,
                                 json: Wire.PageViewBody(url: "https://shop.example/cart", title: "Cart"))
            var seen = try await world.visitorOverview(tracked.id, token: agent)
            #expect(seen.pageViews == 2 && seen.visits == 1 && seen.currentPage?.url == "https://shop.example/cart")
            #expect(seen.landingPage == "https://shop.example/shoes", "the landing page stays the visit's first")

            try await world.call(.post, "/v1/visitors/me/heartbeat", token: token, json: ["preChat": true])
            #expect(try await world.visitorOverview(tracked.id, token: agent).status == "preChat")

            let started = try await world.expect(.created, Wire.VisitorsChat.self, .post, "/v1/chats", token: token, json: Wire.VisitorStartChat(
                departmentId: team.department, name: "Vera", email: "vera@example.com", message: "Do you ship to Lima?",
                fields: [Wire.Pair(name: "phone", value: "+51 1 555 0100", url: "")]
            ))
            #expect(started.visitor.id == tracked.id && started.credentials == nil, "the visitor's own chat, under its own session")
            seen = try await world.visitorOverview(tracked.id, token: agent)
            #expect(seen.status == "offlineMessage", "nobody online to answer")
            #expect(seen.name == "Vera" && seen.fields == [Wire.Pair(name: "phone", value: "+51 1 555 0100", url: "")])
            #expect(seen.chats == 1 && seen.currentChatId == started.chat.id)

            _ = try await RoutingTests.setStatus(world, team, "ann", "online")
            #expect(try await world.visitorOverview(tracked.id, token: agent).status == "waitingForChat")
            try await world.call(.post, "/v1/chats/\(started.chat.id)/join", token: agent)
            #expect(try await world.visitorOverview(tracked.id, token: agent).status == "chatting")
            _ = try await world.send("Yes, we do.", to: started.chat.id, token: agent)
            _ = try await world.send("Thanks!", to: started.chat.id, token: token)
            try await world.call(.post, "/v1/chats/\(started.chat.id)/close", token: agent)
            #expect(try await world.visitorOverview(tracked.id, token: agent).status == "chatEnded")

            world.clock.advance(by: .seconds(301))
            #expect(try await world.visitorOverview(tracked.id, token: agent).status == "outOfSite")
        }
    }

    @Test(arguments: TestBackend.available)
    func aVisitorHoldsOneOpenChatAndReadsOnlyItsOwn(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let department = try await world.createDepartment("Sales", admin: admin).id
            let (visitor, token) = try await world.trackVisitor()
            let first = try await world.expect(.created, Wire.VisitorsChat.self, .post, "/v1/chats", token: token,
                                               json: Wire.VisitorStartChat(departmentId: department, message: "Hi"))
            try await world.expectError(.conflict, code: "chat_already_open", .post, "/v1/chats", token: token,
                                        json: Wire.VisitorStartChat(departmentId: department, message: "Hi again"))
            let me = try await world.expect(.ok, Wire.VisitorOverview.self, .get, "/v1/visitors/me", token: token)
            #expect(me.id == visitor.id && me.currentChatId == first.chat.id && me.chats == 1)

            let other = try await world.startChat(department: department)
            try await world.expectError(.notFound, code: "chat_not_found", .get, "/v1/chats/\(other.chat.id)", token: token)
            try await world.expectError(.notFound, code: "visitor_not_found", .get, "/v1/visitors/\(other.visitor.id)", token: token)

            try await world.call(.post, "/v1/chats/\(first.chat.id)/close", token: token)
            let second = try await world.expect(.created, Wire.VisitorsChat.self, .post, "/v1/chats", token: token,
                                                json: Wire.VisitorStartChat(departmentId: department, message: "Back again"))
            let listed = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: token)
            #expect(listed.items.map(\.id) == [first.chat.id, second.chat.id], "both its chats, and no one else's")
        }
    }

    @Test(arguments: TestBackend.available)
    func aChatStartedWithoutTrackingMakesAVisitorOfItsOwn(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let department = try await world.createDepartment("Sales", admin: admin).id
            let started = try await world.startChat(department: department)
            let me = try await world.expect(.ok, Wire.VisitorOverview.self, .get, "/v1/visitors/me", token: started.credentials.accessToken)
            #expect(me.id == started.visitor.id && me.visits == 1 && me.chats == 1 && me.status == "offlineMessage")
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "email", .post, "/v1/chats",
                                        json: Wire.VisitorStartChat(departmentId: department, name: "Vera", message: "Hi"))
        }
    }

    @Test(arguments: TestBackend.available)
    func aPageViewAfterHalfAnHourOfSilenceStartsANewVisit(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            _ = try await world.adminToken()
            let tracked = try await world.expect(.created, Wire.TrackedVisitor.self, .post, "/v1/visitors",
                                                 json: Wire.Track(url: "https://shop.example/"))
            let visitor = tracked.visitor
            var token = tracked.credentials.accessToken
            world.clock.advance(by: .seconds(29 * 60))
            try await world.call(.post, "/v1/visitors/me/pageviews", token: token, json: Wire.PageViewBody(url: "https://shop.example/a"))
            var admin = try await world.login(TestWorld.adminEmail).accessToken
            #expect(try await world.visitorOverview(visitor.id, token: admin).visits == 1)
            world.clock.advance(by: .seconds(30 * 60))
            admin = try await world.login(TestWorld.adminEmail).accessToken
            #expect(try await world.visitorOverview(visitor.id, token: admin).status == "outOfSite")
            // The widget renews its token as any client does.
            token = try await world.expect(.ok, Wire.Credentials.self, .post, "/v1/auth/refresh",
                                           json: ["refreshToken": tracked.credentials.refreshToken]).accessToken
            try await world.call(.post, "/v1/visitors/me/pageviews", token: token,
                                 json: Wire.PageViewBody(url: "https://shop.example/b", referrer: "https://duckduckgo.com/?q=parley+chat"))
            let back = try await world.visitorOverview(visitor.id, token: admin)
            #expect(back.visits == 2 && back.pageViews == 3 && back.status == "inSite")
            #expect(back.landingPage == "https://shop.example/b" && back.searchEngine == "DuckDuckGo" && back.searchKeywords == "parley chat")
        }
    }

    @Test(arguments: TestBackend.available)
    func agentsListCurrentVisitorsByStatus(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let department = try await world.createDepartment("Sales", admin: admin).id
            let (browsing, browsingToken) = try await world.trackVisitor()
            let (asking, askingToken) = try await world.trackVisitor()
            let (gone, _) = try await world.trackVisitor()
            _ = try await world.expect(.created, Wire.VisitorsChat.self, .post, "/v1/chats", token: askingToken,
                                       json: Wire.VisitorStartChat(departmentId: department, message: "Hi"))
            world.clock.advance(by: .seconds(200))
            try await world.call(.post, "/v1/visitors/me/heartbeat", token: browsingToken, json: [String: Bool]())
            world.clock.advance(by: .seconds(200))

            let all = try await world.expect(.ok, Wire.VisitorList.self, .get, "/v1/visitors", token: admin)
            #expect(Set(all.items.map(\.id)) == [browsing.id, asking.id], "the silent visitor left; the one with an open chat stays")
            #expect(!all.items.map(\.id).contains(gone.id))
            let waiting = try await world.expect(.ok, Wire.VisitorList.self, .get, "/v1/visitors?status=offlineMessage", token: admin)
            #expect(waiting.items.map(\.id) == [asking.id])
            let inSite = try await world.expect(.ok, Wire.VisitorList.self, .get, "/v1/visitors?status=inSite", token: admin)
            #expect(inSite.items.map(\.id) == [browsing.id])
            let voice = try await world.expect(.ok, Wire.VisitorList.self, .get, "/v1/visitors?status=voiceChatting", token: admin)
            #expect(voice.items.isEmpty, "accepted as a filter, never produced")
            try await world.expectError(.badRequest, code: "malformed_request", .get, "/v1/visitors?status=dancing", token: admin)
            try await world.expectError(.forbidden, code: "forbidden", .get, "/v1/visitors", token: browsingToken)
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/visitors")
        }
    }

    @Test(arguments: TestBackend.available)
    func anAgentEndingAChatNobodyJoinedRefusesIt(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let department = try await world.createDepartment("Sales", admin: admin).id
            let (visitor, token) = try await world.trackVisitor()
            let chat = try await world.expect(.created, Wire.VisitorsChat.self, .post, "/v1/chats", token: token,
                                              json: Wire.VisitorStartChat(departmentId: department, message: "Hi"))
            try await world.call(.post, "/v1/chats/\(chat.chat.id)/close", token: admin)
            #expect(try await world.visitorOverview(visitor.id, token: admin).status == "refusedByOperator")
        }
    }

    @Test(arguments: TestBackend.available)
    func badTrackingInputIsRefusedAndStoresNothing(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let (visitor, token) = try await world.trackVisitor()
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "url", .post, "/v1/visitors/me/pageviews",
                                        token: token, json: Wire.PageViewBody(url: "  "))
            let tooMany = (0...50).map { Wire.Pair(name: "v\($0)", value: "x", url: "") }
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "customVariables", .post, "/v1/visitors",
                                        json: Wire.Track(url: "https://shop.example/", customVariables: tooMany))
            let hugeValue = [Wire.Pair(name: "note", value: String(repeating: "é", count: 2001), url: "")]
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "customVariables", .put,
                                        "/v1/visitors/\(visitor.id)/custom-variables", token: admin, json: hugeValue)
            let unchanged = try await world.visitorOverview(visitor.id, token: admin)
            #expect(unchanged.pageViews == 1 && unchanged.customVariables.isEmpty)
            let listed = try await world.expect(.ok, Wire.VisitorList.self, .get, "/v1/visitors", token: admin)
            #expect(listed.items.map(\.id) == [visitor.id], "the refused tracking stored no visitor")
            try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/visitors/me/pageviews", token: admin,
                                        json: Wire.PageViewBody(url: "https://shop.example/"))
            try await world.expectError(.notFound, code: "visitor_not_found", .get, "/v1/visitors/nobody", token: admin)
        }
    }
}

@Suite("Visitors: tracking rates")
struct VisitorTrackingRateTests {
    @Test(arguments: TestBackend.available)
    func trackingIsLimitedPerAddressAndPageViewsPerVisitor(_ backend: TestBackend) async throws {
        let configure = { (config: inout AppConfig) in
            config.http.visitorTracksPerMinute = 2
            config.http.pageViewsPerMinute = 2
        }
        try await TestWorld.run(backend, configure: configure) { world in
            let (_, token) = try await world.trackVisitor()
            let (_, other) = try await world.trackVisitor()
            try await world.expectError(.tooManyRequests, code: "rate_limited", .post, "/v1/visitors", json: Wire.Track())
            let view = Wire.PageViewBody(url: "https://shop.example/next")
            #expect(try await world.call(.post, "/v1/visitors/me/pageviews", token: token, json: view).status == .noContent)
            #expect(try await world.call(.post, "/v1/visitors/me/heartbeat", token: token, json: [String: Bool]()).status == .noContent)
            try await world.expectError(.tooManyRequests, code: "rate_limited", .post, "/v1/visitors/me/pageviews", token: token, json: view)
            #expect(try await world.call(.post, "/v1/visitors/me/pageviews", token: other, json: view).status == .noContent,
                    "each visitor has its own allowance")
        }
    }
}
