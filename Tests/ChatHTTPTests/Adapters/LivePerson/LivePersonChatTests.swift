import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("LivePerson agent face: working in a chat", .timeLimit(.minutes(3)))
struct LivePersonChatTests {
    @Test(arguments: TestBackend.available)
    func xmlIsAnsweredWhenAskedForAndXmlBodiesAreRead(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let sent = try await ann.xml(.post, "chat/\(started.chat.id)/events?v=1&NC=true",
                                         #"<event type="line"><text>Fish &amp; chips &lt;3</text><textType>plain</textType></event>"#)
            #expect(sent.status == .created)
            let location = String(buffer: sent.body)
            #expect(location.hasPrefix("<?xml") && location.contains("<chatEventLocation><link href=\""), "\(location)")

            let polled = try await ann.xml(.get, "chat?chatSessionKeys=\(started.chat.id)&v=1&NC=true")
            #expect(polled.status == .ok && polled.headers[.contentType]?.hasPrefix("application/xml") == true)
            let xml = String(buffer: polled.body)
            #expect(XMLParser(data: Data(xml.utf8)).parse(), "well-formed: \(xml)")
            #expect(xml.contains("<chats><chat><link href="))
            #expect(xml.contains(#"<event id="0" type="state"><time>"#))
            #expect(xml.contains("<text>Fish &amp; chips &lt;3</text>"))
            #expect(xml.contains("<systemMessageId>3</systemMessageId>"))
            #expect(xml.contains("<info><link href="))

            let history = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: started.credentials.accessToken)
            #expect(history.items.last?.text == "Fish & chips <3")

            let entities = #"<!DOCTYPE event [<!ENTITY a "aaaaaaaa">]><event type="line"><text>&a;</text></event>"#
            try await ann.xml(.post, "chat/\(started.chat.id)/events", entities).expectError(.livePersonXML, .badRequest, code: "malformed_request")
            try await ann.xml(.post, "chat/\(started.chat.id)/events", "<event><text>unclosed</event>")
                .expectError(.livePersonXML, .badRequest, code: "malformed_request")
            // Errors follow the asked format.
            try await ann.xml(.get, "chat/nope/info").expectError(.livePersonXML, .notFound, code: "chat_not_found")
            try await ann.xml(.get, "chat/\(started.chat.id)/collaborationChannels").expectError(.livePersonXML, .notFound, code: "not_found")
        }
    }

    @Test(arguments: TestBackend.available)
    func linesTypingAndAnAgentEndingTheChat(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let chat = "chat/\(started.chat.id)"
            let sent = try await ann.call(.post, "\(chat)/events?v=1&NC=true", json: ["event": ["@type": "line", "text": "<div dir=\"ltr\">Hello &amp; welcome</div>", "textType": "html"]])
            #expect(sent.status == .created)
            let location = try #require(sent.headers[.location])
            let event = try await ann.json(.get, try #require(URL(string: location)?.path))
            #expect(event["event"]?["text"]?.string == "Hello & welcome" && event["event"]?["source"]?.string == "agent")
            let paragraphs = try await ann.send(.post, "\(chat)/events", json: #"{"event": {"type": "line", "textType": "html", "text": "<p>One</p><p>Two<br/>Three</p>"}}"#)
            let lines = try await ann.json(.get, try #require(paragraphs.headers[.location].flatMap { URL(string: $0)?.path }))
            #expect(lines["event"]?["text"]?.string == "One\nTwo\nThree")

            #expect(try await ann.json(.get, "\(chat)/info/agentTyping")["agentTyping"]?.string == "not-typing")
            let typing = try await ann.json(.post, "\(chat)/info/agentTyping", json: ["agentTyping": "typing"], expect: .created,
                                            headers: [HTTPField.Name("X-HTTP-Method-Override")!: "PUT"])
            #expect(typing["agentTyping"]?.string == "typing")
            #expect(try await ann.json(.get, "\(chat)/info")["info"]?["agentTyping"]?.string == "typing")
            let visitorTyping = try await world.call(.post, "/v1/chats/\(started.chat.id)/typing", token: started.credentials.accessToken, json: ["typing": true])
            #expect(visitorTyping.status == .noContent)
            #expect(try await ann.json(.get, "\(chat)/info/visitorTyping")["visitorTyping"]?.string == "typing")
            _ = try await world.send("Thanks", to: started.chat.id, token: started.credentials.accessToken)
            #expect(try await ann.json(.get, "\(chat)/info/visitorTyping")["visitorTyping"]?.string == "not-typing", "a message ends typing")
            #expect(try await ann.json(.get, "\(chat)/info/visitorName")["visitorName"]?.string == "Vera Visitor")

            // A listener (here the admin) whispers to the agent; the visitor never sees it.
            let admin = try await LPAgent.login(world, TestWorld.adminEmail)
            let whisper = try await admin.call(.post, "\(chat)/events", json: ["event": ["type": "line", "text": "Offer the refund", "subType": "ONLY_TO_REP"]])
            #expect(whisper.status == .created)
            let heard = try #require(try await ann.poll([started.chat.id]).first).events.last
            #expect(heard?["text"]?.string == "Offer the refund" && heard?["subType"]?.string == "ONLY_TO_REP" && heard?["by"]?.string == "Admin")
            let visitorView = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: started.credentials.accessToken)
            #expect(!visitorView.items.contains { $0.text == "Offer the refund" })
            try await ann.call(.post, "\(chat)/events", json: ["event": ["type": "line", "text": "x", "subType": "LOUD"]])
                .expectError(.livePerson, .unprocessableContent, code: "invalid_field")
            try await ann.call(.post, "\(chat)/events", json: ["event": ["type": "state", "state": "chatting"]])
                .expectError(.livePerson, .unprocessableContent, code: "invalid_field")

            let ended = try await ann.call(.post, "\(chat)/events", json: ["event": ["@type": "state", "state": "ended"]])
            #expect(ended.status == .created)
            let tail = try #require(try await ann.poll([started.chat.id]).first).events.suffix(2)
            #expect(tail.map { $0["state"]?.string ?? $0["systemMessageId"]?.string } == ["ended", "5"])
            #expect(tail.last?["text"]?.string == "Agent ann@example.com ended the chat.")
            #expect(try await ann.json(.get, "\(chat)/info")["info"]?["state"]?.string == "ended")
        }
    }

    @Test(arguments: TestBackend.available)
    func typingLapsesUnlessRenewed(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let chat = "chat/\(started.chat.id)"
            _ = try await ann.json(.put, "\(chat)/info/agentTyping", json: ["agentTyping": "typing"], expect: .created)
            world.clock.advance(by: world.config.limits.typingLifetime - .milliseconds(100))
            #expect(try await ann.json(.get, "\(chat)/info/agentTyping")["agentTyping"]?.string == "typing")
            _ = try await ann.json(.put, "\(chat)/info/agentTyping", json: ["agentTyping": "typing"], expect: .created)
            world.clock.advance(by: world.config.limits.typingLifetime - .milliseconds(100))
            #expect(try await ann.json(.get, "\(chat)/info/agentTyping")["agentTyping"]?.string == "typing", "renewed")
            world.clock.advance(by: .milliseconds(200))
            #expect(try await ann.json(.get, "\(chat)/info/agentTyping")["agentTyping"]?.string == "not-typing")
        }
    }

    @Test(arguments: TestBackend.available)
    func transfersToASkillOrAnAgentWithANoteForAgentsOnly(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (team, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let support = try await world.createDepartment("Support", admin: team.admin)
            let chat = "chat/\(started.chat.id)"
            let annNumber = try #require(try await ann.poll([started.chat.id]).first?["info"]?["agentId"]?.number)
            let toSkill = try await ann.send(.post, "\(chat)/transfer?v=1&NC=true",
                                             json: #"{"transfer": {"skill": {"id": \#(support.id)}, "text": "Billing question"}}"#)
            let tooLate = try await ann.send(.post, "\(chat)/transfer", json: #"{"transfer": {"skill": {"id": \#(support.id)}, "text": "  "}}"#)
            // The chat left ann's department: for her it no longer exists.
            tooLate.expectError(.livePerson, .notFound, code: "chat_not_found")
            #expect(toSkill.status == .ok, "\(String(buffer: toSkill.body))")
            let admin = try await LPAgent.login(world, TestWorld.adminEmail)
            let events = try #require(try await admin.poll([started.chat.id]).first).events
            let transferLine = try #require(events.first { $0["systemMessageId"]?.string == "15" })
            #expect(transferLine["text"]?.string == "The chat was transferred to Support.")
            let note = try #require(events.first { $0["subType"]?.string == "ONLY_TO_REP" })
            #expect(note["text"]?.string == "Billing question" && note["source"]?.string == "agent")
            #expect(events.last?["state"]?.string == "waiting")
            let visitorView = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: started.credentials.accessToken)
            #expect(!visitorView.items.contains { $0.text == "Billing question" }, "the visitor never sees the note")

            _ = try await world.agentToken("bob@example.com", departments: [support.id], admin: team.admin)
            let bob = try await LPAgent.login(world, "bob@example.com")
            #expect(try await bob.call(.post, "incomingRequests", json: [String: String]()).status == .created)
            let toAnn = try await bob.send(.post, "\(chat)/transfer", json: #"{"transfer": {"agent": {"id": \#(Int64(annNumber))}, "text": " "}}"#)
            #expect(toAnn.status == .ok, "a blank text is no note: \(String(buffer: toAnn.body))")
            let afterward = try #require(try await bob.poll([started.chat.id]).first).events
            #expect(afterward.last { $0["systemMessageId"] != nil }?["systemMessageId"]?.string == "13")
            try await bob.send(.post, "\(chat)/transfer", json: #"{"transfer": {"agent": {"id": 42}}}"#).expectError(.livePerson, .notFound, code: "agent_not_found")
        }
    }

    @Test(arguments: TestBackend.available)
    func agentSurveysAreKeptInTheChatsLogForAgentsOnly(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (team, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let chat = "chat/\(started.chat.id)"
            let survey = #"<survey><question id="7"><answer>Resolved</answer></question><question id="8"><answer>Billing</answer><answer>Refund</answer></question></survey>"#
            let answered = try await ann.xml(.post, "\(chat)/survey?v=1&NC=true", survey, headers: [HTTPField.Name("X-HTTP-Method-Override")!: "PUT"])
            #expect(answered.status == .ok, "\(String(buffer: answered.body))")
            let json = try await ann.send(.put, "\(chat)/survey", json: #"{"survey": {"question": {"id": 9, "answer": "Yes"}}}"#)
            #expect(json.status == .ok)

            let log = try JSONValue(data: Data(buffer: try await world.call(.get, "/v1/chats/\(started.chat.id)/events", token: team.admin).body))
            let surveys = (log["items"]?.array ?? []).filter { $0["type"]?.string == "survey" }
            #expect(surveys.count == 2)
            #expect(surveys.first?["answers"] == (try JSONValue(data: Data(#"[{"questionId":"7","answers":["Resolved"]},{"questionId":"8","answers":["Billing","Refund"]}]"#.utf8))))
            let visitorView = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: started.credentials.accessToken)
            #expect(!visitorView.items.contains { $0.type == "survey" })

            try await ann.send(.post, "\(chat)/survey", json: #"{"survey": {"question": []}}"#).expectError(.livePerson, .unprocessableContent, code: "invalid_field")
            let unserved = try await world.startChat(department: team.department)
            try await ann.send(.post, "chat/\(unserved.chat.id)/survey", json: #"{"survey": {"question": {"id": "1", "answer": "x"}}}"#)
                .expectError(.livePerson, .forbidden, code: "not_chat_agent")
        }
    }
}

