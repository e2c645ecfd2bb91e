import ChatCore
import ChatHTTP
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

extension Wire {
    struct Ban: Codable {
        let id: String
        let visitorId: String?
        let addresses: String?
        let reason: String?
        let createdBy: String?
        let createdAt: String
    }

    struct NewBan: Codable {
        var visitorId: String?
        var addresses: String?
        var reason: String?
    }
}

extension TestWorld {
    /// Trusts the test client's loopback connection as a proxy, so `X-Forwarded-For` sets the
    /// client address, and lets each address start as many chats as a test needs.
    static func behindProxy(_ config: inout AppConfig) {
        config.trustedProxies = ["127.0.0.1", "::1"].compactMap(AddressRange.init)
        config.http.chatStartsPerMinute = 1000
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// Starts a chat through the native API as a visitor at `address`.
    func startChat(department: Int64, from address: String) async throws -> TestResponse {
        let body = Wire.StartChat(departmentId: department, name: "Vera Visitor", email: "vera@example.com", message: "Hello")
        return try await call(.post, "/v1/chats", json: body, headers: [Self.forwardedFor: address])
    }

    func ban(_ ban: Wire.NewBan, admin: String) async throws -> Wire.Ban {
        try await expect(.created, Wire.Ban.self, .post, "/v1/bans", token: admin, json: ban)
    }
}
