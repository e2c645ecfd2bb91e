import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A visitor the widget tracks, as the Comm100 visitors tests start them.
struct TrackedVisitor {
    let id: String
    let token: String

    /// The GUID the Comm100 face gives a 12-digit Parley id.
    var guid: String { "00000000-0000-0000-0000-" + id }
}

/// What the widget sends when it first sees its visitor (`POST /v1/visitors`).
struct TrackBody: Encodable {
    struct Variable: Encodable {
        let name: String
        let value: String
    }

    var url: String? = "https://shop.example.com/landing"
    var referrer: String?
    var screenResolution: String?
    var timeZone: String?
    var customVariables: [Variable]?
}

/// A visitor's chat started from its own session, with the pre-chat form's answers.
struct FormChatBody: Encodable {
    struct Field: Encodable {
        let name: String
        let value: String
    }

    let departmentId: Int64
    let name: String
    let email: String
    let message: String
    let fields: [Field]
}

extension TestWorld {
    func trackVisitor(_ body: TrackBody = TrackBody(), headers: HTTPFields = [:]) async throws -> TrackedVisitor {
        let response = try await call(.post, "/v1/visitors", json: body, headers: headers)
        #expect(response.status == .created, "\(String(buffer: response.body))")
        let json = try JSONValue(data: Data(buffer: response.body))
        return TrackedVisitor(
            id: try #require(json["visitor"]?["id"]?.string), token: try #require(json["credentials"]?["accessToken"]?.string)
        )
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
