import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// An agent of the LivePerson face: logged in, with an open agent session.
struct LPAgent {
    let world: TestWorld
    let bearer: String
    let sessionID: String

    static let account = "/api/account/1"

    var session: String { "\(Self.account)/agentSession/\(sessionID)" }

    static func login(_ world: TestWorld, _ email: String) async throws -> LPAgent {
        let login = try await world.call(
            .post, "\(account)/login?v=1&NC=true", json: ["username": email, "password": TestWorld.password, "appKey": "ignored"]
        )
        #expect(login.status == .ok)
        let bearer = try #require(try JSONValue(data: Data(buffer: login.body))["bearer"]?.string)
        let opened = try await world.call(.post, "\(account)/agentSession?v=1&NC=true", token: bearer, json: ["loginData": ""])
        #expect(opened.status == .created)
        let location = try #require(opened.headers[.location])
        return LPAgent(world: world, bearer: bearer, sessionID: String(try #require(location.split(separator: "/").last)))
    }

    /// Calls a path under the agent session (or `absolute` as given), in JSON.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, json: (any Encodable)? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        let uri = path.hasPrefix("/") ? path : "\(session)/\(path)"
        return try await world.call(method, uri, token: bearer, json: json, headers: headers)
    }

    func json(
        _ method: HTTPRequest.Method, _ path: String, json body: (any Encodable)? = nil, expect status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> JSONValue {
        let response = try await call(method, path, json: body, headers: headers)
        #expect(response.status == status, "\(method) \(path): \(String(buffer: response.body))", sourceLocation: sourceLocation)
        return response.body.readableBytes == 0 ? .null : try JSONValue(data: Data(buffer: response.body))
    }

    /// Sends a JSON body written out as text.
    func send(_ method: HTTPRequest.Method, _ path: String, json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var allHeaders = headers
        allHeaders[.authorization] = "Bearer \(bearer)"
        allHeaders[.contentType] = "application/json"
        return try await world.client.execute(
            uri: path.hasPrefix("/") ? path : "\(session)/\(path)", method: method, headers: allHeaders, body: ByteBuffer(string: json)
        )
    }

    /// Sends an XML body, asking for XML back.
    func xml(_ method: HTTPRequest.Method, _ path: String, _ body: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var allHeaders = headers
        allHeaders[.authorization] = "Bearer \(bearer)"
        allHeaders[.accept] = "application/xml"
        if body != nil { allHeaders[.contentType] = "application/xml" }
        return try await world.client.execute(
            uri: path.hasPrefix("/") ? path : "\(session)/\(path)", method: method, headers: allHeaders, body: body.map { ByteBuffer(string: $0) }
        )
    }

    /// One chat's resource from the multi-chat poll.
    func poll(_ keys: [String], from lastSeen: [Int] = []) async throws -> [JSONValue] {
        var path = "chat?chatSessionKeys=\(keys.joined(separator: ","))&v=1&NC=true"
        if !lastSeen.isEmpty { path += "&fromEventIds=\(lastSeen.map(String.init).joined(separator: ","))" }
        return try #require(try await json(.get, path)["chats"]?["chat"]?.array)
    }
}

extension JSONValue {
    /// A resource's links by `rel` (`link` is a list, or a single link).
    var links: [String: String] {
        Dictionary((self["link"]?.array ?? self["link"].map { [$0] } ?? []).compactMap { link in link["rel"]?.string.map { ($0, link["href"]?.string ?? "") } },
                   uniquingKeysWith: { first, _ in first })
    }

    /// A chat resource's events.
    var events: [JSONValue] { self["events"]?["event"]?.array ?? [] }

    var id: Int? { self["id"]?.number.map { Int($0) } }

    /// The document without the `@` copies of attributes, as the seed writes it.
    var withoutAtKeys: JSONValue {
        switch self {
        case .object(let fields): .object(fields.filter { !$0.key.hasPrefix("@") }.mapValues(\.withoutAtKeys))
        case .array(let items): .array(items.map(\.withoutAtKeys))
        default: self
        }
    }
}
