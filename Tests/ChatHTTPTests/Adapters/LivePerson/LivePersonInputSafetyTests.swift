import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import ChatHTTP

/// XML in and out of the LivePerson face, the multi-chat poll's keys, and its answer to a
/// client that sends too fast.
@Suite("LivePerson agent face: hostile input")
struct LivePersonInputSafetyTests {
    static func post(_ ann: LPAgent, _ path: String, _ body: [UInt8], contentType: String) async throws -> TestResponse {
        try await ann.world.client.execute(
            uri: "\(ann.session)/\(path)", method: .post,
            headers: [.authorization: "Bearer \(ann.bearer)", .contentType: contentType, .accept: "application/xml"],
            body: ByteBuffer(bytes: body)
        )
    }

    /// UTF-16 little-endian with its byte order mark.
    static func utf16(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test(arguments: TestBackend.available)
    func xmlBodiesAreReadAsUTF8Only(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let path = "chat/\(started.chat.id)/events"
            // The byte search for a document type cannot see it in UTF-16.
            let hidden = #"<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE event [<!ENTITY a "aaaa">]><event type="line"><text>&a;</text></event>"#
            for (body, type) in [
                (Self.utf16(hidden), "application/xml"),
                (Array(#"<event type="line"><text>hi</text></event>"#.utf8), "application/xml; charset=utf-16"),
                (Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><event type="line"><text>hi</text></event>"#.utf8), "application/xml"),
                (Array(#"<event type="line"><text>caf\#u{E9}</text></event>"#.utf8) + [0xFF], "application/xml"),
            ] {
                let refused = try await Self.post(ann, path, body, contentType: type)
                #expect(refused.status == .unsupportedMediaType, "\(String(buffer: refused.body))")
                #expect(String(buffer: refused.body).contains("<code>unsupported_encoding</code>"))
            }
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let utf8 = bom + Array(#"<?xml version="1.0" encoding="utf-8"?><event type="line"><text>caf\#u{E9}</text></event>"#.utf8)
            #expect(try await Self.post(ann, path, utf8, contentType: "application/xml; charset=UTF-8").status == .created)
            let page = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: started.credentials.accessToken)
            #expect(page.items.last?.text == "café" && !page.items.contains { $0.text?.contains("aaaa") == true })
        }
    }

    @Test func theParserStopsAtAnyDeclarationItReports() throws {
        for document in [
            #"<!DOCTYPE a [<!ELEMENT a ANY>]><a>x</a>"#,
            #"<!DOCTYPE a [<!ATTLIST a x CDATA "1">]><a/>"#,
            #"<a>&undeclared;</a>"#,
        ] {
            #expect(throws: APIError.self, "\(document)") { try LPXMLReader.read(Data(document.utf8)) }
        }
        #expect(try LPXMLReader.read(Data("<a>x &amp; y</a>".utf8)) == .document("a", .string("x & y")))
    }

    @Test(arguments: TestBackend.available)
    func xmlAnswersCarryOnlyXMLCharacters(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            _ = try await world.send("a\u{FFFF}b\u{FFFE}c\u{1}d\u{1B}e", to: started.chat.id, token: started.credentials.accessToken)
            let polled = try await ann.xml(.get, "chat?chatSessionKeys=\(started.chat.id)")
            let collector = TextCollector()
            let parser = XMLParser(data: Data(buffer: polled.body))
            parser.delegate = collector
            #expect(parser.parse(), "an XML client can read the answer: \(String(buffer: polled.body))")
            #expect(collector.texts.joined().contains("a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e"))
            #expect(LPXMLWriter.document(.document("t", .string("\u{0}\u{9}\u{A}\u{D}\u{D7FF}\u{E000}\u{FFFD}\u{10FFFF}")))
                == "<?xml version=\"1.0\" encoding=\"UTF-8\"?><t>\u{FFFD}\u{9}\u{A}\u{D}\u{D7FF}\u{E000}\u{FFFD}\u{10FFFF}</t>")
        }
    }

    @Test(arguments: TestBackend.available)
    func aKeyNamedTwiceInTheMultiChatPollIsAnsweredOnce(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let key = started.chat.id
            let once = try await ann.poll([key])
            let many = try await ann.poll(Array(repeating: key, count: 50))
            #expect(many.count == 1 && many.first?.events.count == once.first?.events.count)
            let lastID = try #require(once.first?.events.last?.id)
            let later = try await ann.poll([key, key], from: [lastID, -1])
            #expect(later.count == 1 && later.first?.events.count == once.first?.events.count, "from the earlier of the two ids")
        }
    }

    @Test(arguments: TestBackend.available)
    func tooFastIsA429WithRetryAfterInTheClientsFormat(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: SendRateTests.slowSenders) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let chat = "chat/\(started.chat.id)"
            for text in ["one", "two", "three"] {
                #expect(try await ann.call(.post, "\(chat)/events", json: ["event": ["type": "line", "text": text]]).status == .created)
            }
            let json = try await ann.call(.post, "\(chat)/events", json: ["event": ["type": "line", "text": "four"]])
            #expect(json.status == .tooManyRequests && json.headers[.retryAfter] != nil)
            #expect(try JSONValue(data: Data(buffer: json.body))["error"]?["code"]?.string == "rate_limited")
            let xml = try await ann.xml(.post, "\(chat)/events", #"<event type="line"><text>five</text></event>"#)
            #expect(xml.status == .tooManyRequests && xml.headers[.retryAfter] != nil)
            #expect(String(buffer: xml.body).contains("<code>rate_limited</code>"))
            for state in ["typing", "not-typing"] {
                #expect(try await ann.call(.put, "\(chat)/info/agentTyping", json: ["agentTyping": state]).status == .created)
            }
            let typing = try await ann.call(.put, "\(chat)/info/agentTyping", json: ["agentTyping": "typing"])
            #expect(typing.status == .tooManyRequests && typing.headers[.retryAfter] != nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func surveysAreBoundAndRefuseNull(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let chat = "chat/\(started.chat.id)/survey"
            let wide = String(repeating: "\u{1F44D}\u{1F3FD}", count: 900)
            for body in [
                #"{"survey": {"question": {"id": "1", "answer": "a\u0000b"}}}"#,
                #"{"survey": {"question": {"id": "1\u0000", "answer": "x"}}}"#,
                #"{"survey": {"question": {"id": "1", "answer": "\#(wide)"}}}"#,
            ] {
                let refused = try await ann.send(.post, chat, json: body)
                #expect(refused.status == .unprocessableContent, "\(String(buffer: refused.body))")
            }
        }
    }
}

/// The text of every element of a parsed document.
final class TextCollector: NSObject, XMLParserDelegate {
    var texts: [String] = []

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        texts.append(string)
    }
}
