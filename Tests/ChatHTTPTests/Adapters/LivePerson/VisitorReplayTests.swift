import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

@testable import ChatHTTP

/// A site's own LivePerson chat window, replayed request by request in JSON and in XML: it
/// asks for availability, requests a chat, polls its events following `next`, writes, types,
/// gives its name; an agent answers through Parley's native API; the visitor ends the chat,
/// rates it and asks for its transcript.
@Suite("LivePerson visitor face: a chat window's whole conversation", .timeLimit(.minutes(3)))
struct VisitorReplayTests {
    static let formats: [LPFormat] = [.json, .xml]

    @Test(arguments: TestBackend.available, formats)
    func aVisitorClientsConversation(_ backend: TestBackend, _ format: LPFormat) async throws {
        try await FakeSMTPServer.run { smtp in
            try await TestWorld.run(backend, configure: TestWorld.mailingThrough(smtp)) { world in
                let team = try await RoutingTests.team(world, ["ann"])
                let ann = try #require(team.agents["ann"])
                let visitor = LPVisitorClient(world: world, format: format, appKey: "721c180b09eb463d9f3191c41762bb68")
                let account = LPVisitorClient.account

                let closed = try await visitor.expect(.ok, .get, "\(account)/chat/availability?skill=Sales&v=1&NC=true")
                #expect(closed["availability"]?.text == "false", "nobody is online yet")
                _ = try await RoutingTests.setStatus(world, team, "ann", "online")
                #expect(try await visitor.expect(.ok, .get, "\(account)/chat/availability?skill=sales")["availability"]?.text == "true")
                #expect(try await visitor.expect(.ok, .get, "\(account)/chat/availability?skill=\(team.department)")["availability"]?.text == "true")
                #expect(try await visitor.expect(.ok, .get, "\(account)/chat/availability")["availability"]?.text == "true")
                #expect(try await visitor.expect(.ok, .get, "\(account)/chat/availability?skill=Billing")["availability"]?.text == "false")

                let waitTime = "\(account)/chat/estimatedWaitTime?skill=Sales"
                #expect(try await visitor.expect(.ok, .get, waitTime)["estimatedWaitTime"]?.text == "0", "Ann takes a chat at once")

                let chat = try await visitor.requestChat(skill: "Sales", lines: ["Hello", "My parcel is late"], extra: [
                    "chatReferrer": .string("https://shop.example.com/cart"), "userAgent": .string("Mozilla/5.0 (X11; Linux x86_64)"),
                    "maxWaitTime": .number(120), "visitorIp": .string("203.0.113.9"),
                    "survey": .fields(["question": .array([.fields(["id": .string("email"), "answer": .string("vera@example.com")])])]),
                ])
                #expect(chat.hasPrefix("\(account)/chat/"))

                let first = try #require(try await visitor.expect(.ok, .get, "\(chat)?v=1&NC=true")["chat"])
                #expect(first.linkRels == [
                    "self", "events", "info", "next", "transcript-request", "transcript-with-subject-request", "exit-survey", "custom-variables",
                ])
                #expect(first.eventList.map { $0["id"]?.text } == ["0", "1", "2"])
                #expect(first.eventList.first?["state"]?.text == "waiting")
                #expect(first.eventList.last?["text"]?.text == "Hello\nMy parcel is late" && first.eventList.last?["source"]?.text == "visitor")
                let info = try #require(first["info"])
                #expect(info["state"]?.text == "waiting" && info["skillName"]?.text == "Sales" && info["visitorName"]?.text == "Visitor")
                #expect(try await visitor.expect(.ok, .get, waitTime)["estimatedWaitTime"]?.text == "-2", "one waits, and no past chat tells how long")
                var next = try #require(first.link("next"))
                // Past the visitor's line, and past the offer to Ann, which only agents see.
                #expect(next.hasSuffix("?from=6"), "\(next)")
                let chatID = try #require(info["chatSessionKey"]?.text)

                let renamed = try await visitor.expect(.ok, .put, "\(chat)/info/visitorName", .document("visitorName", .string("Vera")))
                #expect(renamed["visitorName"]?.text == "Vera")
                let override: HTTPFields = [HTTPField.Name("X-HTTP-Method-Override")!: "PUT"]
                let typing = try await visitor.expect(
                    .ok, .post, "\(chat)/info/visitorTyping", .document("visitorTyping", .string("typing")), headers: override
                )
                #expect(typing["visitorTyping"]?.text == "typing")
                let seenByAgent = try await world.expect(.ok, JSONValue.self, .get, "/v1/chats/\(chatID)", token: ann)
                #expect(seenByAgent["visitor"]?["name"]?.string == "Vera")

                _ = try await world.expect(.ok, JSONValue.self, .post, "/v1/chats/\(chatID)/join", token: ann)
                _ = try await world.send("Hi Vera, let me look", to: chatID, token: ann)
                _ = try await world.expect(.created, JSONValue.self, .post, "/v1/chats/\(chatID)/notes", token: ann, json: ["text": "Parcel lost"])
                #expect(try await visitor.expect(.ok, .get, "\(chat)/info/agentTyping")["agentTyping"]?.text == "not-typing")

                let answered = try #require(try await visitor.expect(.ok, .get, next)["chat"])
                let texts = answered.eventList.compactMap { $0["text"]?.text }
                #expect(texts.contains { $0.hasPrefix("You are now chatting with") })
                #expect(texts.contains("Hi Vera, let me look") && !texts.contains("Parcel lost"), "\(texts)")
                #expect(answered["info"]?["state"]?.text == "chatting" && answered["info"]?["agentName"]?.text == "Agent ann@example.com")
                next = try #require(answered.link("next"))

                let line = try await visitor.call(.post, "\(chat)/events", .document("event", .element(attributes: ["type": .string("line")], [
                    "text": .string("Thank you!"), "textType": .string("plain"),
                ])))
                #expect(line.status == .created && line.node?["chatEventLocation"]?.link("location") == line.location, "\(line.text)")
                let sent = try await visitor.expect(.ok, .get, try #require(line.location))
                #expect(sent["event"]?["text"]?.text == "Thank you!" && sent["event"]?["by"]?.text == "Vera")
                let polled = try await visitor.expect(.ok, .get, next)
                #expect(polled["chat"]?.eventList.compactMap { $0["text"]?.text } == ["Thank you!"])

                let variables = try await visitor.expect(.ok, .put, "\(chat)/customVariables", .document("customVariables", .fields([
                    "customVariable": .array([.fields(["name": .string("cart"), "value": .string("3 items")])]),
                ])))
                #expect(variables["customVariables"]?["customVariable"]?.items.first?["value"]?.text == "3 items")

                let ended = try await visitor.call(.post, "\(chat)/events", .document("event", .element(attributes: ["type": .string("state")], [
                    "state": .string("ended"),
                ])))
                #expect(ended.status == .created && ended.node?["chatLocation"]?.link("location") == ended.location)
                #expect(try await visitor.expect(.ok, .get, "\(chat)/info")["info"]?["state"]?.text == "ended")

                let survey = try await visitor.expect(.ok, .get, "\(chat)/exitSurvey")
                let questions = survey["survey"]?["questions"]?["question"]?.items ?? []
                #expect(questions.compactMap { $0["id"]?.text } == ["1", "2"])
                _ = try await visitor.expect(.ok, .post, "\(chat)/exitSurvey", .document("survey", .fields(["question": .array([
                    .fields(["id": .string("1"), "answer": .string("5")]), .fields(["id": .string("2"), "answer": .string("Quick and kind")]),
                ])])), headers: override)
                let rated = try await visitor.expect(.ok, .get, "\(chat)/events?from=0")
                #expect(rated["events"]?.eventList.last?["text"]?.text == "Vera rated the chat 5 of 5: Quick and kind")

                let transcript = try await visitor.call(.post, "\(chat)/transcriptRequest", .document("transcriptRequest", .fields([
                    "email": .string("vera@example.com"),
                ])))
                #expect(transcript.status == .created, "\(transcript.text)")
                try await world.waitForDeliveries("the transcript") { smtp.mails.count == 1 }
                #expect(smtp.mails.first?.recipients == ["vera@example.com"])
                #expect(smtp.mails.first?.bodyText.contains("Parcel lost") == false)
            }
        }
    }

    /// A page of the log with nothing the visitor may see (agents' notes, offers) still moves
    /// `next` on, so the agent's answer after it arrives.
    @Test(arguments: TestBackend.available)
    func nextPassesAPageOfEventsOnlyAgentsSee(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.limits.messageBurst = 500; $0.limits.messagesPerMinute = 6000 }) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let ann = try #require(team.agents["ann"])
            let visitor = LPVisitorClient(world: world, format: .json)
            let chat = try await visitor.requestChat(skill: "Sales")
            let chatID = try #require(try await visitor.expect(.ok, .get, "\(chat)/info")["info"]?["chatSessionKey"]?.text)
            _ = try await world.expect(.ok, JSONValue.self, .post, "/v1/chats/\(chatID)/join", token: ann)
            for index in 1...120 {
                _ = try await world.expect(.created, JSONValue.self, .post, "/v1/chats/\(chatID)/notes", token: ann, json: ["text": "Note \(index)"])
            }
            _ = try await world.send("Here is your answer", to: chatID, token: ann)
            var next = "\(chat)?from=0"
            var seen: [String] = []
            for _ in 0..<10 where !seen.contains("Here is your answer") {
                let answer = try #require(try await visitor.expect(.ok, .get, next)["chat"])
                seen += answer.eventList.compactMap { $0["text"]?.text }
                next = try #require(answer.link("next"))
            }
            #expect(seen.contains("Here is your answer"), "\(seen)")
            #expect(!seen.contains { $0.hasPrefix("Note ") })
        }
    }
}
