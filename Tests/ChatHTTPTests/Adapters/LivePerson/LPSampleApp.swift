import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// LivePerson's agent sample app (LivePersonInc/agent-sample-app: lib/loginSession.js,
/// lib/agentBot.js, lib/agentChat.js), request for request: the same URLs built the same way
/// from the answers, the same headers and bodies. Its timers are left out: the test calls
/// each step when the app's timer would fire.
struct LPSampleApp {
    let world: TestWorld
    let account: String
    let userName: String
    let password: String
    /// chats/transcript.json: the app answers each visitor line with the next of these, and
    /// ends the chat and logs out at the visitor line after the last.
    static let transcript = ["Hello", "How is your day going so far?", " I would be happy to look into that for you. ",
                             "We are glad you got so far with the demo :).", "Bye"]

    var domain = ""
    var info = JSONValue.null
    var csdsMap: [String: String] = [:]
    var requestURL = ""
    var chatLink = ""
    var lineIndex = 0
    /// Every request the app made, `METHOD path`, in order.
    var requests: [String] = []

    init(world: TestWorld, account: String, userName: String, password: String) {
        self.world = world
        self.account = account
        self.userName = userName
        self.password = password
    }

    var bearer: String { info["bearer"]?.string ?? "" }

    /// The app's `request(options)`: an absolute URL as the app builds it, sent to the app under test.
    @discardableResult
    mutating func request(
        _ method: HTTPRequest.Method, _ url: String, headers: [(String, String)] = [], json body: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (status: HTTPResponse.Status, body: JSONValue) {
        let parsed = try #require(URL(string: url), "the app built \(url)", sourceLocation: sourceLocation)
        let target = parsed.path + (parsed.query.map { "?\($0)" } ?? "")
        var fields = HTTPFields()
        for (name, value) in headers { fields.append(HTTPField(name: try #require(HTTPField.Name(name)), value: value)) }
        // `request` with `json: true` asks for JSON and sends JSON.
        if body != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        requests.append("\(method) \(target)")
        let response = try await world.client.execute(uri: target, method: method, headers: fields, body: body.map { ByteBuffer(string: $0) })
        let json = response.body.readableBytes == 0 ? JSONValue.null : try JSONValue(data: Data(buffer: response.body))
        #expect((200...299).contains(response.status.code), "\(method) \(target): \(String(buffer: response.body))", sourceLocation: sourceLocation)
        return (response.status, json)
    }

    // MARK: loginSession.js

    /// `_getCSDSLoginDomain`: `config.lesession.csdsDomain` is the only setting changed, to Parley.
    mutating func start(csdsDomain: String) async throws {
        let answer = try await request(.get, "\(csdsDomain)/csdr/account/\(account)/service/agentVep/baseURI.json?version=1.0")
        domain = try #require(answer.body["baseURI"]?.string)
    }

    mutating func login() async throws {
        let answer = try await request(
            .post, "https://\(domain)/api/account/\(account)/login?v=1.2",
            headers: [("content-type", "application/json"), ("accept", "application/json")],
            json: #"{"username":"\#(userName)","password":"\#(password)"}"#
        )
        info = answer.body
        for entry in answer.body["csdsCollectionResponse"]?["baseURIs"]?.array ?? [] {
            csdsMap[entry["service"]?.string ?? ""] = entry["baseURI"]?.string
        }
    }

    /// `_refreshSession`, every `config.lesession.refreshDelay`.
    mutating func refreshSession() async throws {
        try await request(
            .post, "https://\(domain)/api/account/\(account)/refresh?v=1.2",
            headers: [("content-type", "application/json"), ("accept", "application/json")], json: #"{"csrf":"\#(info["csrf"]?.string ?? "")"}"#
        )
    }

    mutating func stopSession() async throws {
        try await request(
            .post, "https://\(domain)/api/account/\(account)/logout?v=1.2",
            headers: [("content-type", "application/json"), ("accept", "application/json")], json: #"{"csrf":"\#(info["csrf"]?.string ?? "")"}"#
        )
    }

    // MARK: agentBot.js

    mutating func loginAgent() async throws {
        let answer = try await request(
            .post, "https://\(csdsMap["agentVep"] ?? "")/api/account/\(account)/agentSession.json?v=1&NC=true",
            headers: [("AUTHORIZATION", "Bearer \(bearer)"), ("accept", "application/json")],
            json: #"{"loginData":{"userName":"\#(userName)","password":"\#(password)"}}"#
        )
        requestURL = try #require(answer.body["agentSessionLocation"]?["link"]?["@href"]?.string)
    }

    @discardableResult
    mutating func agentRequest(_ method: HTTPRequest.Method, _ command: String, json body: String? = nil) async throws -> JSONValue {
        var headers = [("Authorization", "Bearer \(bearer)"), ("content-type", "application/json"), ("X-Requested-With", "XMLHttpRequest"),
                       ("accept", "application/json")]
        var method = method
        if method == .put || method == .delete {
            headers.append(("X-HTTP-Method-Override", method.rawValue))
            method = .post
        }
        return try await request(method, "\(requestURL)/\(command).json?v=1&NC=true", headers: headers, json: body).body
    }

    mutating func setAvailability(_ value: String) async throws {
        try await agentRequest(.put, "availability", json: #"{"availability":{"chat":"\#(value)"}}"#)
    }

    /// `checkForIncomingChats`: the link to take the ringing chat with, if one rings.
    mutating func checkForIncomingChats() async throws -> String? {
        let body = try await agentRequest(.get, "incomingRequests")
        guard let ringing = body["incomingRequests"]?["ringingCount"]?.string.flatMap(Int.init), ringing > 0 else { return nil }
        return body["incomingRequests"]?["link"]?["@href"]?.string
    }

    // MARK: agentChat.js

    static func nextPingURL(_ links: [JSONValue]) -> String? {
        // JavaScript's `String.replace` with a string replaces the first occurrence only.
        links.first { $0["@rel"]?.string == "next" }?["@href"]?.string.map { href in
            href.range(of: "/events").map { href.replacingCharacters(in: $0, with: "/events.json") } ?? href
        }
    }

    mutating func startChatSession(_ chatURL: String) async throws {
        let answer = try await request(
            .post, "\(chatURL).json?v=1&NC=true",
            headers: [("Authorization", "Bearer \(bearer)"), ("content-type", "application/json"), ("Accept", "application/json"),
                      ("X-Requested-With", "XMLHttpRequest")],
            json: #"{"chat":"start"}"#
        )
        #expect(answer.status == .created)
        chatLink = try #require(answer.body["chatLocation"]?["link"]?["@href"]?.string)
    }

    /// One `chatPolling` round: the events it got, and the URL of the next round. `nil` for the first round.
    mutating func chatPolling(_ url: String?) async throws -> (events: [JSONValue], next: String) {
        let body = try await request(
            .get, url ?? "\(chatLink).json?v=1&NC=true",
            headers: [("Authorization", "Bearer \(bearer)"), ("content-type", "application/json"), ("X-Requested-With", "XMLHttpRequest"),
                      ("accept", "application/json")]
        ).body
        let events = body["chat"]?["events"] ?? body["events"]
        let next = try #require(Self.nextPingURL(events?["link"]?.array ?? []), "a next link in \(body)")
        let list = events?["event"].map { $0.array ?? [$0] } ?? []
        return (list, "\(next)&v=1&NC=true")
    }

    /// `sendLine`: the next transcript line as the app writes it, or, after the last, `stop`.
    /// Answers whether a line was sent.
    mutating func sendLine() async throws -> Bool {
        guard lineIndex < Self.transcript.count else {
            try await stop()
            return false
        }
        let line = Self.transcript[lineIndex]
        try await request(
            .post, "\(chatLink)/events.json?v=1&NC=true",
            headers: [("Authorization", "Bearer \(bearer)"), ("content-type", "application/json"), ("X-Requested-With", "XMLHttpRequest"),
                      ("accept", "application/json")],
            json: #"{"event":{"@type":"line","text":"<p dir='ltr' style='direction: ltr; text-align: left;'>\#(line)</p>","textType":"html"}}"#
        )
        lineIndex += 1
        return true
    }

    mutating func stop() async throws {
        try await request(
            .post, "\(chatLink)/events.json?v=1&NC=true",
            headers: [("Authorization", "Bearer \(bearer)"), ("content-type", "application/json"), ("X-Requested-With", "XMLHttpRequest"),
                      ("accept", "application/json")],
            json: #"{"event":{"@type":"state","state":"ended"}}"#
        )
        try await stopSession()
    }
}
