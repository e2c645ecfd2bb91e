import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

/// Calls to the Live Agents face with its secret, and reading its envelope.
extension TestWorld {
    static let liveAgentsToken = "flow-engine-secret-0123456789"

    static func runLiveAgents(_ backend: TestBackend, _ test: @escaping @Sendable (TestWorld) async throws -> Void) async throws {
        try await run(backend, configure: { $0.liveAgentsToken = liveAgentsToken }, test)
    }

    /// Posts raw JSON text to the face, with `Authorization: Token <secret>` unless `headers` say otherwise.
    @discardableResult
    func liveAgents(
        _ method: HTTPRequest.Method, _ path: String, _ json: String? = nil, headers: HTTPFields? = nil
    ) async throws -> TestResponse {
        var fields = headers ?? [.authorization: "Token \(Self.liveAgentsToken)"]
        if json != nil { fields[.contentType] = "application/json" }
        return try await client.execute(
            uri: "/live-agents/\(path)", method: method, headers: fields, body: json.map { ByteBuffer(string: $0) }
        )
    }

    /// Checks the envelope: `status_code` equal to the HTTP status, `status`, and (when given) `msg`.
    func expectEnvelope(
        _ response: TestResponse, _ status: HTTPResponse.Status, msg: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let text = String(buffer: response.body)
        #expect(response.status == status, "\(text)", sourceLocation: sourceLocation)
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(body.keys == ["status_code", "status", "msg"], sourceLocation: sourceLocation)
        #expect(body["status_code"]?.number == Double(status.code), sourceLocation: sourceLocation)
        #expect(body["status"]?.string == (status.code < 400 ? "success" : "error"), sourceLocation: sourceLocation)
        #expect(body["msg"]?.string?.isEmpty == false, sourceLocation: sourceLocation)
        if let msg { #expect(body["msg"]?.string == msg, sourceLocation: sourceLocation) }
    }

    static func registration(uuid: String, department: String, results: String = "{}", extra: String = "") -> String {
        """
        {"contact": {"name": "Ana López", "uuid": "\(uuid)", "urn": "facebook:1234567", "mongoid": ""},
         "department": "\(department)", "results": \(results), "flow": {"uuid": "f-1", "name": "Ask for a person"}\(extra)}
        """
    }

    static func clientMessage(uuid: String, text: String) -> String {
        #"{"contact": {"uuid": "\#(uuid)", "name": "Ana López"}, "results": {"clientmessage": {"value": "\#(text)", "category": "Has Text"}}}"#
    }
}
