import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import ChatHTTP

/// A LivePerson visitor client (a site's own chat window) in one format: bodies written and
/// answers read as JSON or as XML, read back into the face's own node so both runs check alike.
struct LPVisitorClient {
    let world: TestWorld
    let format: LPFormat
    var appKey: String?

    static let account = "/api/account/1"

    /// An answer: its status and `Location`, and its body as a node (nil when empty).
    struct Answer {
        let status: HTTPResponse.Status
        let location: String?
        let node: LPNode?
        let text: String
        let response: TestResponse
    }

    /// Calls `path` (absolute URIs are cut to their path and query), `body` written in the client's format.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, _ body: LPNode? = nil, headers extra: HTTPFields = [:]) async throws -> Answer {
        var headers = extra
        headers[.accept] = format == .xml ? "application/xml" : "application/json"
        if let appKey { headers[.authorization] = "LivePerson appKey=\(appKey)" }
        if body != nil { headers[.contentType] = format == .xml ? "application/xml" : "application/json" }
        let response = try await world.client.execute(
            uri: Self.local(path), method: method, headers: headers, body: body.map { ByteBuffer(string: format.render($0)) }
        )
        let data = Data(buffer: response.body)
        let node: LPNode? = data.isEmpty ? nil : try format == .xml ? LPXMLReader.read(data) : JSONDecoder().decode(LPNode.self, from: data)
        return Answer(status: response.status, location: response.headers[.location], node: node, text: String(buffer: response.body), response: response)
    }

    /// Calls and expects `status`, answering the body.
    func expect(
        _ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ path: String, _ body: LPNode? = nil, headers: HTTPFields = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> LPNode {
        let answer = try await call(method, path, body, headers: headers)
        #expect(answer.status == status, "\(method) \(path): \(answer.text)", sourceLocation: sourceLocation)
        return answer.node ?? .string("")
    }

    /// The path and query of an absolute URI; a path as it is.
    static func local(_ uri: String) -> String {
        guard uri.hasPrefix("http"), let url = URLComponents(string: uri) else { return uri }
        return url.percentEncodedPath + (url.percentEncodedQuery.map { "?\($0)" } ?? "")
    }

    /// Requests a chat in `skill` and answers its URI's path.
    func requestChat(skill: String, lines: [String] = ["Hello"], extra: KeyValuePairs<String, LPNode?> = [:]) async throws -> String {
        var fields: [LPField] = [LPField("skill", .string(skill)), LPField("preChatLines", .fields(["line": .array(lines.map(LPNode.string))]))]
        fields += extra.compactMap { key, value in value.map { LPField(key, $0) } }
        let answer = try await call(.post, "\(Self.account)/chat/request?v=1&NC=true", .document("request", .object(fields)))
        #expect(answer.status == .created, "\(answer.text)")
        return Self.local(try #require(answer.location))
    }
}

extension LPNode {
    /// Links by `rel`, in order.
    var linkRels: [String] { (self["link"]?.items ?? []).compactMap { $0["rel"]?.text } }

    func link(_ rel: String) -> String? {
        (self["link"]?.items ?? []).first { $0["rel"]?.text == rel }?["href"]?.text
    }

    /// A chat's or an events document's events.
    var eventList: [LPNode] { (self["events"]?["event"] ?? self["event"])?.items ?? [] }
}
