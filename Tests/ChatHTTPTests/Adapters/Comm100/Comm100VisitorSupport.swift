import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

extension TestWorld {
    /// The GUID the Comm100 face gives a 12-digit Parley visitor id.
    static func comm100GUID(_ visitorID: String) -> String {
        "00000000-0000-0000-0000-" + visitorID
    }

    /// A visitor tracked with its browser's and connection's headers; its Parley id and token.
    func trackVisitor(_ body: Wire.Track, headers: HTTPFields) async throws -> (id: String, token: String) {
        let response = try await call(.post, "/v1/visitors", json: body, headers: headers)
        #expect(response.status == .created, "\(String(buffer: response.body))")
        let tracked = try JSONDecoder().decode(Wire.TrackedVisitor.self, from: Data(buffer: response.body))
        return (tracked.visitor.id, tracked.credentials.accessToken)
    }

    /// `GET /livechat/visitors/{id}`, expecting a visitor.
    func comm100Visitor(_ id: String, token: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let response = try await call(.get, "/livechat/visitors/\(id)", token: token)
        #expect(response.status == .ok, "\(String(buffer: response.body))", sourceLocation: sourceLocation)
        return try JSONValue(data: Data(buffer: response.body))
    }

    /// `GET /livechat/visitors`, with an optional `?status=`, expecting the bare array.
    func comm100Visitors(status: String? = nil, token: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [JSONValue] {
        let response = try await call(.get, "/livechat/visitors" + (status.map { "?status=\($0)" } ?? ""), token: token)
        #expect(response.status == .ok, "\(String(buffer: response.body))", sourceLocation: sourceLocation)
        return try #require(try JSONValue(data: Data(buffer: response.body)).array, sourceLocation: sourceLocation)
    }
}
