import ChatCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

@Suite("LivePerson face: discovery, suffixes, @ keys, next links", .timeLimit(.minutes(3)))
struct LivePersonWireFormTests {
    @Test(arguments: TestBackend.available)
    func discoveryAnswersParleysHostForEveryService(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.publicURL = "https://chat.example.com:8443" }) { world in
            for service in ["agentVep", "adminArea", "someFutureService"] {
                let one = try await world.call(.get, "/csdr/account/1/service/\(service)/baseURI.json?version=1.0")
                #expect(one.status == .ok && one.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(try JSONValue(data: Data(buffer: one.body)) == .object(["baseURI": .string("chat.example.com:8443")]))
            }
            let list = try JSONValue(data: Data(buffer: try await world.call(.get, "/csdr/account/1/service/baseURI.json?version=1.0").body))
            let entries = try #require(list["baseURIs"]?.array)
            #expect(entries.contains { $0 == .object(["service": .string("agentVep"), "account": .string("1"), "baseURI": .string("chat.example.com:8443")]) })

            let xml = try await world.call(.get, "/csdr/account/1/service/agentVep/baseURI.xml?version=1.0")
            #expect(xml.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(String(buffer: xml.body) == #"<?xml version="1.0" encoding="UTF-8"?><baseURI>chat.example.com:8443</baseURI>"#)
            let xmlList = String(buffer: try await world.call(.get, "/csdr/account/1/service/baseURI.xml?version=1.0").body)
            #expect(xmlList.contains("<baseURIs><service>agentVep</service><account>1</account><baseURI>chat.example.com:8443</baseURI></baseURIs>"))

            try await world.call(.get, "/csdr/account/2/service/agentVep/baseURI.json?version=1.0")
                .expectError(.livePerson, .notFound, code: "account_not_found")
        }
    }

    @Test(arguments: TestBackend.available)
    func aFormatSuffixWorksOnEveryResourceAndWinsOverAccept(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let chat = "chat/\(started.chat.id)"
            for path in ["availability", "info", "incomingRequests", "chatSessions", chat, "\(chat)/events", "\(chat)/info", "availableAgents"] {
                let json = try await ann.call(.get, "\(path).json?v=1&NC=true", headers: [.accept: "application/xml"])
                #expect(json.status == .ok && json.headers[.contentType]?.hasPrefix("application/json") == true, "\(path).json")
                let xml = try await ann.call(.get, "\(path).xml?v=1&NC=true")
                #expect(xml.status == .ok && String(buffer: xml.body).hasPrefix("<?xml"), "\(path).xml")
            }
            let events = try await ann.json(.get, "\(chat)/events.json?from=2&v=1&NC=true")
            #expect(events["events"]?["event"]?.array?.first?.id == 2, "the query survives the suffix")
            // A suffix the face does not speak names no resource.
            try await ann.call(.get, "availability.html?v=1").expectError(.livePerson, .notFound, code: "not_found")
            // Errors follow the suffix too.
            try await ann.call(.get, "chat/nope.xml").expectError(.livePersonXML, .notFound, code: "chat_not_found")
        }
    }

    @Test(arguments: TestBackend.available)
    func attributesAreWrittenWithAndWithoutTheAtSignAndReadEitherWay(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let chat = try #require(try await ann.json(.get, "chat/\(started.chat.id).json")["chat"])
            for link in chat["link"]?.array ?? [] {
                #expect(link["@href"] == link["href"] && link["@rel"] == link["rel"] && link["href"] != nil)
            }
            for event in chat.events {
                #expect(event["@type"] == event["type"] && event["@id"] == event["id"] && event["id"] != nil)
            }
            // XML keeps them as attributes, written once.
            let xml = String(buffer: try await ann.call(.get, "chat/\(started.chat.id).xml").body)
            #expect(xml.contains(#"<link href=""#) && !xml.contains("@href") && !xml.contains("@type"))

            let sent = try await ann.send(.post, "chat/\(started.chat.id)/events.json", json: #"{"event": {"@type": "line", "text": "At sign"}}"#)
            #expect(sent.status == .created)
            let location = try JSONValue(data: Data(buffer: sent.body))["chatEventLocation"]?["link"]
            #expect(location?["@href"] != nil && location?["@href"] == location?["href"])
            let page = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: started.credentials.accessToken)
            #expect(page.items.last?.text == "At sign")
        }
    }

    /// Visitors of every face read what the agent wrote, not the markup LivePerson clients send.
    @Test(arguments: TestBackend.available)
    func htmlLinesAreStoredAsTheirText(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let html = #"<p dir='ltr' style='direction: ltr; text-align: left;'>Fish &amp; chips <b>today</b></p>"#
            let body = try String(data: JSONEncoder().encode(["event": ["@type": "line", "text": html, "textType": "html"]]), encoding: .utf8) ?? ""
            #expect(try await ann.send(.post, "chat/\(started.chat.id)/events.json?v=1&NC=true", json: body).status == .created)
            let page = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: started.credentials.accessToken)
            #expect(page.items.last?.text == "Fish & chips today")
        }
    }

    /// Following `next` links while the chat goes on returns every event once, in order.
    @Test(arguments: TestBackend.available)
    func nextLinksNeitherRepeatNorSkip(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let chat = try #require(try await ann.json(.get, "chat/\(started.chat.id).json")["chat"])
            var seen = chat.events.compactMap(\.id)
            var next = try #require(chat["events"]?.links["next"])
            for round in 1...4 {
                if round.isMultiple(of: 2) {
                    _ = try await world.send("Visitor \(round)", to: started.chat.id, token: started.credentials.accessToken)
                } else {
                    _ = try await ann.json(.post, "chat/\(started.chat.id)/events", json: ["event": ["type": "line", "text": "Agent \(round)"]], expect: .created)
                }
                // Twice: once with the new event, once with nothing new.
                for _ in 1...2 {
                    let url = try #require(URL(string: next.replacingOccurrences(of: "/events", with: "/events.json") + "&v=1&NC=true"))
                    let events = try await ann.json(.get, url.path + "?" + (url.query ?? ""))["events"]
                    seen += events?["event"]?.array?.compactMap(\.id) ?? []
                    next = try #require(events?.links["next"])
                }
            }
            #expect(Set(seen).count == seen.count && seen == seen.sorted(), "\(seen)")
            let all = try await ann.json(.get, "chat/\(started.chat.id)/events.json")["events"]?["event"]?.array?.compactMap(\.id) ?? []
            #expect(seen == all && all.count > 5, "no gaps: \(all)")
        }
    }

    @Test(arguments: TestBackend.available)
    func availableAgentsListsAgentsForTransfers(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            _ = try await RoutingTests.team(world, ["ann", "bob"])
            let ann = try await LPAgent.login(world, "ann@example.com")
            _ = try await ann.json(.put, "availability?v=1&NC=true", json: ["availability": ["chat": "Online"]])
            let online = try await ann.json(.get, "availableAgents.json?chatState=Online&v=1&NC=true")
            let agents = try #require(online["availableAgents"]?["agents"]?["agent"]?.array)
            #expect(agents.compactMap { $0["userName"]?.string } == ["ann@example.com"])
            #expect(agents.first?["chatState"]?.string == "Online" && agents.first?["maxChats"]?.string == "3")
            #expect(agents.first?["chats"]?.string == "0" && agents.first?["@id"]?.number != nil)
            #expect(agents.first?["skills"]?["skill"]?.array?.first?["name"]?.string == "Sales")
            let everyone = try await ann.json(.get, "availableAgents.json?v=1&NC=true")
            let names = Set(everyone["availableAgents"]?["agents"]?["agent"]?.array?.compactMap { $0["userName"]?.string } ?? [])
            #expect(names.isSuperset(of: ["ann@example.com", "bob@example.com"]))
            try await ann.call(.get, "availableAgents.json?chatState=Sleeping").expectError(.livePerson, .unprocessableContent, code: "invalid_field")
        }
    }

    /// Behind a trusted proxy, links follow what the proxy says the client used; anyone
    /// else's forwarding headers change nothing.
    @Test(arguments: TestBackend.available, [true, false])
    func linksFollowATrustedProxysForwardedProtoAndHost(_ backend: TestBackend, trusted: Bool) async throws {
        let proxies = trusted ? ["127.0.0.1", "::1"].compactMap(AddressRange.init) : []
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.trustedProxies = proxies }) { world in
            _ = try await RoutingTests.team(world, ["ann"])
            let forwarded: HTTPFields = [HTTPField.Name("X-Forwarded-Proto")!: "https", HTTPField.Name("X-Forwarded-Host")!: "chat.example.com"]
            let login = try await world.call(.post, "\(LPAgent.account)/login?v=1.2", json: ["username": "ann@example.com", "password": TestWorld.password],
                                             headers: forwarded)
            let answer = try JSONValue(data: Data(buffer: login.body))
            let bearer = try #require(answer["bearer"]?.string)
            let agentVep = answer["csdsCollectionResponse"]?["baseURIs"]?.array?.first { $0["service"]?.string == "agentVep" }?["baseURI"]?.string
            let opened = try await world.call(.post, "\(LPAgent.account)/agentSession.json", token: bearer, json: ["loginData": ""], headers: forwarded)
            let location = try #require(opened.headers[.location])
            let discovered = try JSONValue(data: Data(buffer: try await world.call(
                .get, "/csdr/account/1/service/agentVep/baseURI.json?version=1.0", headers: forwarded).body))["baseURI"]?.string
            if trusted {
                #expect(location.hasPrefix("https://chat.example.com/api/account/1/agentSession/"))
                #expect(agentVep == "chat.example.com" && discovered == "chat.example.com")
            } else {
                #expect(location.hasPrefix("http://") && !location.contains("example.com"), "\(location)")
                #expect(agentVep != "chat.example.com" && discovered == agentVep)
            }
        }
    }
}
