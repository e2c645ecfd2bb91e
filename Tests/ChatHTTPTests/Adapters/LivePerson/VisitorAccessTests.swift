import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

@testable import ChatHTTP

/// Who may call the LivePerson visitor side: the configured app key, and each chat's own URI.
@Suite("LivePerson visitor face: app key and chat keys", .timeLimit(.minutes(3)))
struct VisitorAccessTests {
    static let appKey = "site-app-key-1234"

    @Test(arguments: TestBackend.available)
    func withAnAppKeyConfiguredCallsWithoutItOrWithAnotherAreRefused(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.livePersonAppKey = Self.appKey }) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            _ = try await RoutingTests.setStatus(world, team, "ann", "online")
            let site = LPVisitorClient(world: world, format: .json, appKey: Self.appKey)
            let chat = try await site.requestChat(skill: "Sales")
            let availability = "\(LPVisitorClient.account)/chat/availability"
            for format in [LPFormat.json, .xml] {
                for key in [nil, "wrong-key-5678", Self.appKey + "0"] {
                    let stranger = LPVisitorClient(world: world, format: format, appKey: key)
                    let shape: ErrorShape = format == .xml ? .livePersonXML : .livePerson
                    try await stranger.call(.get, availability).response.expectError(shape, .unauthorized, code: "unauthenticated")
                    try await stranger.call(.get, chat).response.expectError(shape, .unauthorized, code: "unauthenticated")
                    let refused = try await stranger.call(.post, "\(LPVisitorClient.account)/chat/request", .document("request", .fields(["skill": .string("Sales")])))
                    refused.response.expectError(shape, .unauthorized, code: "unauthenticated")
                }
            }
            let bearer = try await world.call(.get, availability, headers: [.authorization: "Bearer \(Self.appKey)"])
            bearer.expectError(.livePerson, .unauthorized, code: "unauthenticated")
            #expect(try await site.expect(.ok, .get, availability)["availability"]?.text == "true")
            #expect(try await site.expect(.ok, .get, chat)["chat"]?["info"]?["state"]?.text == "waiting")
            let admin = try await world.expect(.ok, JSONValue.self, .get, "/v1/chats?state=queued", token: team.admin)
            #expect(admin["items"]?.array?.count == 1, "the refused requests stored nothing")
        }
    }

    @Test(arguments: TestBackend.available)
    func withoutAnAppKeyAnyClientCallsAndEachChatOpensOnlyWithItsOwnKey(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            _ = try await RoutingTests.setStatus(world, team, "ann", "online")
            let anyone = LPVisitorClient(world: world, format: .json, appKey: nil)
            let mine = try await anyone.requestChat(skill: "Sales", lines: ["Mine"])
            let theirs = try await LPVisitorClient(world: world, format: .json, appKey: "anything").requestChat(skill: "Sales", lines: ["Theirs"])
            #expect(try await anyone.expect(.ok, .get, mine)["chat"]?.eventList.last?["text"]?.text == "Mine")

            // Their chat id under my session and signature, my key with their chat id, a made-up key: all unknown chats.
            let myKey = try #require(mine.split(separator: "/").last).split(separator: "-")
            let theirKey = try #require(theirs.split(separator: "/").last).split(separator: "-")
            let forged = [
                "\(theirKey[0])-\(myKey[1])-\(myKey[2])", "\(myKey[0])-\(theirKey[1])-\(theirKey[2])",
                "\(theirKey[0])-\(theirKey[1])-\(String(repeating: "0", count: 32))", "\(theirKey[0])", "nope",
            ]
            for key in forged {
                for path in ["", "/events", "/info", "/info/visitorName", "/exitSurvey"] {
                    try await anyone.call(.get, "\(LPVisitorClient.account)/chat/\(key)\(path)").response
                        .expectError(.livePerson, .notFound, code: "chat_not_found")
                }
                let line = try await anyone.call(.post, "\(LPVisitorClient.account)/chat/\(key)/events", .document("event", .fields([
                    "type": .string("line"), "text": .string("Injected"),
                ])))
                line.response.expectError(.livePerson, .notFound, code: "chat_not_found")
            }
            let agentView = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(theirKey[0])/events", token: team.admin)
            #expect(!agentView.items.contains { $0.text == "Injected" })
            // Once the visitor is erased (its session with it), its own key opens nothing.
            let myChat = try await world.expect(.ok, JSONValue.self, .get, "/v1/chats/\(myKey[0])", token: team.admin)
            let visitorID = try #require(myChat["visitorId"]?.string)
            #expect(try await world.call(.delete, "/v1/visitors/\(visitorID)", token: team.admin).status == .noContent)
            try await anyone.call(.get, mine).response.expectError(.livePerson, .notFound, code: "chat_not_found")
            try await anyone.call(.put, "\(mine)/info/visitorName", .document("visitorName", .string("Back"))).response
                .expectError(.livePerson, .notFound, code: "chat_not_found")

            // A Parley access token opens no LivePerson chat either.
            let started = try await world.startChat(department: team.department)
            try await world.call(.get, "\(LPVisitorClient.account)/chat/\(started.chat.id)", token: started.credentials.accessToken)
                .expectError(.livePerson, .notFound, code: "chat_not_found")
        }
    }
}
