import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

@testable import ChatHTTP

/// The visitor side speaks the same wire forms as the agent side: `.json`/`.xml` after any
/// path, and JSON attributes written with and without LivePerson's `@`.
@Suite("LivePerson visitor face: suffixes and @ keys", .timeLimit(.minutes(3)))
struct VisitorWireFormTests {
    @Test(arguments: TestBackend.available)
    func everyVisitorResourceAnswersWithASuffixAndWritesAtKeys(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            _ = try await RoutingTests.setStatus(world, team, "ann", "online")
            func call(_ method: HTTPRequest.Method, _ path: String, json body: String? = nil) async throws -> TestResponse {
                try await world.client.execute(
                    uri: path, method: method, headers: body == nil ? [:] : [.contentType: "application/json"],
                    body: body.map { ByteBuffer(string: $0) }
                )
            }
            let account = LPVisitorClient.account
            let xml = try await call(.get, "\(account)/chat/availability.xml?skill=Sales")
            #expect(xml.status == .ok && xml.headers[.contentType]?.hasPrefix("application/xml") == true)
            #expect(String(buffer: xml.body).contains("<availability>true</availability>"))

            let requested = try await call(.post, "\(account)/chat/request.json?v=1&NC=true", json: #"""
                {"request": {"skill": "Sales", "preChatLines": {"line": ["Where is my parcel?"]}}}
                """#)
            #expect(requested.status == .created, "\(String(buffer: requested.body))")
            let chat = LPVisitorClient.local(try #require(requested.headers[.location]))

            let line = try await call(.post, "\(chat)/events.json?v=1&NC=true", json: #"{"event": {"@type": "line", "text": "Still there?"}}"#)
            #expect(line.status == .created, "\(String(buffer: line.body))")
            let answer = try await call(.get, "\(chat).json?v=1&NC=true")
            #expect(answer.status == .ok && answer.headers[.contentType]?.hasPrefix("application/json") == true)
            let document = try JSONValue(data: Data(buffer: answer.body))
            let links = try #require(document["chat"]?["link"]?.array)
            #expect(links.first?["@rel"]?.string == "self" && links.first?["rel"]?.string == "self")
            #expect(links.allSatisfy { $0["@href"] == $0["href"] && $0["@href"]?.string?.isEmpty == false })
            let events = try #require(document["chat"]?["events"]?["event"]?.array)
            #expect(events.last?["@type"]?.string == "line" && events.last?["text"]?.string == "Still there?")

            // A POST that does not say it means PUT is refused, naming the method that works.
            let plainPost = try await call(.post, "\(chat)/info/visitorName.json", json: #"{"visitorName": "Vera"}"#)
            #expect(plainPost.status == .methodNotAllowed && plainPost.headers[.allow] == "PUT")

            let info = try await call(.get, "\(chat)/info.xml")
            #expect(info.status == .ok && String(buffer: info.body).hasPrefix("<?xml"))
        }
    }
}
