import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("LivePerson agent face", .timeLimit(.minutes(3)))
struct LivePersonAgentTests {
    static let publicURL = "https://chat.example.com"

    /// Ann, online through the face, with a chat from Vera that she accepted.
    static func acceptedChat(_ world: TestWorld) async throws -> (RoutingTests.Team, LPAgent, Wire.StartedChat) {
        let team = try await RoutingTests.team(world, ["ann"])
        let ann = try await LPAgent.login(world, "ann@example.com")
        _ = try await ann.json(.put, "availability?v=1&NC=true", json: ["availability": ["chat": "Online"]])
        let started = try await world.startChat(department: team.department)
        let ringing = try await ann.json(.get, "incomingRequests?v=1&NC=true")
        #expect(ringing["incomingRequests"]?["ringingCount"]?.string == "1")
        let accepted = try await ann.call(.post, "incomingRequests?v=1&NC=true", json: [String: String]())
        #expect(accepted.status == .created)
        #expect(accepted.headers[.location]?.hasSuffix("/chat/\(started.chat.id)") == true)
        return (team, ann, started)
    }

    @Test(arguments: TestBackend.available)
    func theMultiChatPollHasTheSeedsShape(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.publicURL = Self.publicURL }) { world in
            let (_, ann, started) = try await Self.acceptedChat(world)
            _ = try await world.send("Where is my parcel?", to: started.chat.id, token: started.credentials.accessToken)
            // The seed writes attributes without LivePerson's `@`; the face writes both (see LivePersonWireFormTests).
            let chat = try #require(try await ann.poll([started.chat.id]).first).withoutAtKeys

            let seed = try #require(try SeedFixture.json("LivePerson", "chats.json")["chats"]?["chat"]?.array?.first)
            #expect(chat.shapeDifferences(from: seed) == [])
            #expect(chat["info"]?.shapeDifferences(from: try #require(seed["info"])) == [])
            let session = "\(Self.publicURL)/api/account/1/agentSession/\(ann.sessionID)"
            let base = "\(session)/chat/\(started.chat.id)"
            #expect(chat.links == [
                "self": base, "events": "\(base)/events", "info": "\(base)/info", "next": "\(base)?from=12",
                "visit-id": chat.links["visit-id"] ?? "", "transfer": "\(base)/transfer",
                "transfer-account": "\(base)/transferAccount", "agent-survey": "\(base)/survey",
            ])
            #expect(chat.links["visit-id"] == "\(session)/visits/visit/\(started.chat.id)")
            let visit = try await ann.json(.get, try #require(URL(string: chat.links["visit-id"] ?? "")?.path))
            #expect(visit["visit"]?["visitorName"]?.string == "Vera Visitor")
            #expect(visit["visit"]?["visitorId"] == chat["info"]?["visitorId"])
            try await ann.call(.post, "chat/\(started.chat.id)/transferAccount", json: ["transfer": "x"])
                .expectError(.livePerson, .conflict, code: "not_supported")
            #expect(chat["events"]?.links == ["self": "\(base)/events", "next": "\(base)/events?from=12"])
            #expect(chat["info"]?.links["agent-typing"] == "\(base)/info/agentTyping")

            // Every event has the keys of the seed's event of its kind.
            let seedEvents = seed.events
            let stateShape = try #require(seedEvents.first { $0["type"]?.string == "state" })
            let systemLineShape = try #require(seedEvents.first { $0["type"]?.string == "line" })
            for event in chat.events {
                switch (event["type"]?.string, event["source"]?.string) {
                case ("state", _): #expect(event.shapeDifferences(from: stateShape) == [])
                case ("line", "system"): #expect(event.shapeDifferences(from: systemLineShape) == [])
                default: #expect(event.keys == systemLineShape.keys.subtracting(["systemMessageId"]))
                }
                #expect(event["time"]?.string?.hasSuffix("+00:00") == true)
            }
            let summary = chat.events.map { "\($0.id ?? -1):\($0["state"]?.string ?? $0["systemMessageId"]?.string ?? $0["source"]?.string ?? "")" }
            #expect(summary == ["0:waiting", "1:4", "2:visitor", "6:chatting", "8:3", "10:visitor"], "the seed's order")
            #expect(chat.events[2]["by"]?.string == "Vera Visitor" && chat.events[2]["text"]?.string == "Hello, I need help")
            #expect(chat.events[4]["text"]?.string == "You are now chatting with Agent ann@example.com.")

            let info = try #require(chat["info"])
            #expect(info["state"]?.string == "chatting" && info["chatSessionKey"]?.string == started.chat.id)
            #expect(info["agentName"]?.string == "Agent ann@example.com" && info["agentId"]?.number != nil)
            #expect(info["visitorName"]?.string == "Vera Visitor" && info["visitorTyping"]?.string == "not-typing")
            #expect(info["chatTimeout"]?.number == 600 && info["rtSessionId"]?.number == Double(started.chat.number))
        }
    }

    @Test(arguments: TestBackend.available)
    func fromEventIdsReturnOnlyNewerEventsPairedByPosition(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (team, ann, first) = try await Self.acceptedChat(world)
            let second = try await world.startChat(department: team.department, message: "Second chat")
            _ = try await ann.call(.post, "incomingRequests", json: [String: String]())
            let keys = [first.chat.id, second.chat.id]
            let initial = try await ann.poll(keys)
            let lastSeen = initial.map { $0.events.last?.id ?? -1 }

            _ = try await world.send("Anyone?", to: second.chat.id, token: second.credentials.accessToken)
            let update = try await ann.poll(keys, from: lastSeen)
            #expect(update.map(\.events.count) == [0, 1])
            let line = try #require(update[1].events.first)
            #expect(line["text"]?.string == "Anyone?" && (line.id ?? 0) > lastSeen[1])
            #expect(update[1].links["next"]?.hasSuffix("?from=\((line.id ?? 0) + 2)") == true)

            let onlySecondFromStart = try await ann.poll([second.chat.id, first.chat.id], from: [lastSeen[1]])
            #expect(onlySecondFromStart[0].events.count == 1, "ids pair with keys by position")
            #expect(onlySecondFromStart[1].events.count == initial[0].events.count, "a key without an id is read from its start")
            let gap = try #require(try await ann.json(.get, "chat?chatSessionKeys=\(first.chat.id),\(second.chat.id)&fromEventIds=,\(lastSeen[1])")["chats"]?["chat"]?.array)
            #expect(gap.map(\.events.count) == [initial[0].events.count, 1], "an empty id keeps its place")

            let fromParameter = try await ann.json(.get, "chat/\(second.chat.id)/events?from=\(line.id ?? 0)")
            #expect(fromParameter["events"]?["event"]?.array?.map(\.id) == [line.id], "from names the first event shown")
        }
    }

    @Test(arguments: TestBackend.available)
    func theAgentsInfoAndTheChatsItServes(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (team, ann, started) = try await Self.acceptedChat(world)
            _ = try await world.startChat(department: team.department, message: "Not taken yet")
            let info = try #require(try await ann.json(.get, "info?v=1&NC=true")["info"])
            #expect(info["loginName"]?.string == "ann@example.com" && info["agentName"]?.string == "Agent ann@example.com")
            #expect(info["maxChats"]?.string == "3" && info["availability"]?["chat"]?.string == "Online")
            #expect(info["skillsInfo"]?["skillInfo"]?.array?.compactMap { $0["name"]?.string } == ["Sales"])
            #expect(info["id"]?.number != nil && info.links["self"]?.hasSuffix("/agentSession/\(ann.sessionID)/info") == true)

            let sessions = try #require(try await ann.json(.get, "chatSessions")["chatSessions"]?["chatSession"]?.array)
            #expect(sessions.compactMap { $0["chatSessionKey"]?.string } == [started.chat.id], "only the chat she serves")
            #expect(sessions.first?["link"]?["rel"]?.string == "chat-session" && sessions.first?["startTime"]?.number != nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func aChatTheAgentMayNotSeeIsNotFoundRatherThanForbiddenOrDropped(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (team, ann, mine) = try await Self.acceptedChat(world)
            let support = try await world.createDepartment("Support", admin: team.admin)
            let other = try await world.startChat(department: support.id)
            // Another department's chat does not exist for ann.
            try await ann.call(.get, "chat?chatSessionKeys=\(mine.chat.id),\(other.chat.id)").expectError(.livePerson, .notFound, code: "chat_not_found")
            try await ann.call(.get, "chat?chatSessionKeys=\(mine.chat.id),nope").expectError(.livePerson, .notFound, code: "chat_not_found")
            for malformed in ["chat?chatSessionKeys=", "chat?chatSessionKeys=\(mine.chat.id)&fromEventIds=1,2",
                              "chat?chatSessionKeys=\(mine.chat.id)&fromEventIds=x", "chat?chatSessionKeys=\(mine.chat.id)&fromEventIds=\(Int.max)",
                              "chat/\(mine.chat.id)/events?from=\(Int.max)"] {
                try await ann.call(.get, malformed).expectError(.livePerson, .badRequest, code: "malformed_request")
            }
            try await ann.call(.get, "chat/\(mine.chat.id)/events/\(Int.max)").expectError(.livePerson, .notFound, code: "event_not_found")
            try await ann.call(.get, "chat/\(other.chat.id)/info").expectError(.livePerson, .notFound, code: "chat_not_found")
        }
    }

    @Test(arguments: TestBackend.available)
    func accountsSessionsAndCredentialsAreChecked(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann", "bob"])
            let ann = try await LPAgent.login(world, "ann@example.com")
            let bob = try await LPAgent.login(world, "bob@example.com")
            try await world.call(.post, "\(LPAgent.account)/login?v=1&NC=true", json: ["username": "ann@example.com", "password": "wrong password"])
                .expectError(.livePerson, .unauthorized, code: "invalid_credentials")
            try await world.call(.post, "/api/account/2/login", json: ["username": "ann@example.com", "password": TestWorld.password])
                .expectError(.livePerson, .notFound, code: "account_not_found")
            try await ann.call(.get, "/api/account/2/agentSession/\(ann.sessionID)/availability").expectError(.livePerson, .notFound, code: "account_not_found")
            try await world.call(.get, "\(ann.session)/availability").expectError(.livePerson, .unauthorized, code: "unauthenticated")
            // Another agent's session does not exist for bob.
            try await bob.call(.get, "\(ann.session)/availability").expectError(.livePerson, .notFound, code: "agent_session_not_found")

            _ = try await ann.json(.put, "availability", json: ["availability": ["chat": "Online"]])
            #expect(try await ann.call(.delete, ann.session).status == .noContent)
            // An ended session is gone.
            try await ann.call(.get, "availability").expectError(.livePerson, .notFound, code: "agent_session_not_found")
            let status = try await world.expect(.ok, Wire.AgentStatus.self, .get, "/v1/agents/\(team.ids["ann"]!)", token: team.admin)
            #expect(status.status == "offline", "ending the last agent session takes the agent offline")
        }
    }

    @Test(arguments: TestBackend.available)
    func availabilityTakesOnlineAwayAndOccupiedAndHonoursMethodOverride(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let ann = try await LPAgent.login(world, "ann@example.com")
            let override: HTTPFields = [HTTPField.Name("X-HTTP-Method-Override")!: "PUT"]
            let occupied = try await ann.json(.post, "availability?v=1&NC=true", json: ["availability": ["chat": "Occupied"]], headers: override)
            #expect(occupied == (try JSONValue(data: Data(#"{"availability":{"chat":"Occupied"}}"#.utf8))))
            #expect(try await ann.json(.get, "availability")["availability"]?["chat"]?.string == "Occupied")
            let native = try await world.expect(.ok, Wire.AgentStatus.self, .get, "/v1/agents/\(team.ids["ann"]!)", token: team.admin)
            #expect(native.status == "away" && native.awayReason == "Occupied")

            try await ann.call(.post, "availability", json: ["availability": ["chat": "Online"]])
                .expectError(.livePerson, .methodNotAllowed, code: "method_not_allowed")
            try await ann.call(.put, "availability", json: ["availability": ["chat": "Busy"]]).expectError(.livePerson, .unprocessableContent, code: "invalid_field")
            #expect(try await ann.json(.put, "availability", json: ["availability": ["chat": "away"]])["availability"]?["chat"]?.string == "Away")
        }
    }
}
