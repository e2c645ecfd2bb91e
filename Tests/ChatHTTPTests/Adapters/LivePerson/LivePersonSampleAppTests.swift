import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

@Suite("LivePerson's agent sample app", .timeLimit(.minutes(3)))
struct LivePersonSampleAppTests {
    /// The app from start to end against Parley, a visitor writing through the native API:
    /// discovery, login 1.2, agent session, Online, the incoming chat taken, each visitor line
    /// answered with the next transcript line, the chat ended and the login ended.
    @Test(arguments: TestBackend.available)
    func theSampleAppServesAChatFromStartToEnd(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            var app = LPSampleApp(world: world, account: "1", userName: "ann@example.com", password: TestWorld.password)
            try await app.start(csdsDomain: "https://adminlogin.example.com")
            try await app.login()
            #expect(app.csdsMap["agentVep"] == app.domain)
            try await app.loginAgent()
            try await app.setAvailability("Online")
            #expect(try await app.checkForIncomingChats() == nil)

            let started = try await world.startChat(department: team.department, message: "Hi, is anyone there?")
            let visitor = started.credentials.accessToken
            let chatURL = try #require(try await app.checkForIncomingChats())
            try await app.startChatSession(chatURL)
            // The refresh timer fires while the chat goes on.
            try await app.refreshSession()

            var seen: [Int] = []
            var next: String?
            var visitorLines = 1
            var ended = false
            while !ended {
                // The app polls (every 2 seconds) until a visitor line arrives; the line was
                // committed before the visitor's request returned, so a few rounds are plenty.
                var rounds = 0
                var heard = false
                while !heard {
                    rounds += 1
                    try #require(rounds <= 3, "visitor line \(visitorLines) never reached the app's poll")
                    let round = try await app.chatPolling(next)
                    next = round.next
                    seen += round.events.compactMap { $0["@id"]?.number.map { Int($0) } }
                    heard = round.events.contains { $0["@type"]?.string == "line" && $0["source"]?.string == "visitor" }
                }
                if try await app.sendLine() {
                    let agentLine = LPSampleApp.transcript[app.lineIndex - 1].trimmingCharacters(in: .whitespaces)
                    let page = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: visitor)
                    #expect(page.items.last { $0.author.type == "agent" && $0.type == "message" }?.text == agentLine)
                    visitorLines += 1
                    _ = try await world.send("Visitor line \(visitorLines)", to: started.chat.id, token: visitor)
                } else {
                    ended = true
                }
            }
            #expect(visitorLines == LPSampleApp.transcript.count + 1)
            #expect(seen == seen.sorted() && Set(seen).count == seen.count, "no event twice: \(seen)")

            // The visitor saw the agent's lines as plain text, and the chat ended.
            let page = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: visitor)
            #expect(page.items.filter { $0.author.type == "agent" && $0.type == "message" }.map(\.text) == LPSampleApp.transcript.map {
                $0.trimmingCharacters(in: .whitespaces)
            })
            #expect(page.items.last { $0.type == "state" }?.state == "ended")
            // Logged out: the bearer no longer works.
            let after = try await world.call(.get, "\(LPAgent.account)/agentSession/x/availability.json", token: app.bearer)
            #expect(after.status == .unauthorized)
            #expect(app.requests.first == "GET /csdr/account/1/service/agentVep/baseURI.json?version=1.0")
            #expect(app.requests.last == "POST /api/account/1/logout?v=1.2")
        }
    }
}
