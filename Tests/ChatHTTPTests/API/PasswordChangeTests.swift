import Foundation
import HummingbirdWSClient
import HummingbirdWSTesting
import ParleyTestSupport
import Testing

@Suite("Password changes end the other sessions")
struct PasswordChangeTests {
    static let newPassword = "a brand new passphrase"

    @Test(arguments: TestBackend.available)
    func anAdminResetRefusesTheOldTokensAndClosesTheOpenSocket(_ backend: TestBackend) async throws {
        // The periodic session check is far off: the socket closes on the bus notice.
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.http.socketSessionCheckInterval = .seconds(600) }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            _ = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let sam = try await world.login("sam@example.com")
            let codes = Box<[String]>([])
            let socket = Task {
                try await world.client.ws("/v1/ws?access_token=\(sam.accessToken)&cursor=latest") { inbound, _, _ in
                    codes.value = try await WebSocketTests.errorsUntilClosed(inbound)
                }
            }
            try await world.waitForOpenFeeds(1)

            _ = try await world.expect(.ok, Wire.Agent.self, .patch, "/v1/agents/\(sam.agent.id)", token: admin, json: ["password": Self.newPassword])
            let closing = try await socket.value
            #expect(codes.value == ["unauthenticated"])
            #expect(closing?.closeCode == .unknown(4401) && closing?.reason == "unauthenticated")
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/me", token: sam.accessToken)
            try await world.expectError(
                .unauthorized, code: "invalid_refresh_token", .post, "/v1/auth/refresh", json: ["refreshToken": sam.refreshToken]
            )
            _ = try await world.login("sam@example.com", password: Self.newPassword)
            #expect(try await world.call(.get, "/v1/me", token: admin).status == .ok, "the admin's own session stands")
        }
    }

    @Test(arguments: TestBackend.available)
    func changingOnesOwnPasswordTakesTheCurrentOneAndKeepsOnlyTheCallersSession(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.agentToken("sam@example.com", departments: [], admin: admin)
            let here = try await world.login("sam@example.com")
            let elsewhere = try await world.login("sam@example.com")
            let path = "/v1/agents/\(here.agent.id)"

            try await world.expectError(.unprocessableContent, code: "invalid_field", .patch, path, token: here.accessToken,
                                        json: ["password": Self.newPassword])
            let withNull: [String: String?] = ["password": Self.newPassword, "currentPassword": nil]
            try await world.expectError(.unprocessableContent, code: "invalid_field", .patch, path, token: here.accessToken, json: withNull)
            let wrong = try await world.call(.patch, path, token: here.accessToken,
                                             json: ["password": Self.newPassword, "currentPassword": "not my password"])
            #expect(wrong.status == .unprocessableContent)
            #expect(try JSONDecoder().decode(Wire.ErrorEnvelope.self, from: Data(buffer: wrong.body)).error.field == "currentPassword")
            _ = try await world.login("sam@example.com")

            _ = try await world.expect(.ok, Wire.Agent.self, .patch, path, token: here.accessToken,
                                       json: ["password": Self.newPassword, "currentPassword": TestWorld.password])
            #expect(try await world.call(.get, "/v1/me", token: here.accessToken).status == .ok, "the caller's own session stands")
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/me", token: elsewhere.accessToken)
            try await world.expectError(
                .unauthorized, code: "invalid_refresh_token", .post, "/v1/auth/refresh", json: ["refreshToken": elsewhere.refreshToken]
            )
            _ = try await world.expect(.ok, Wire.Credentials.self, .post, "/v1/auth/refresh", json: ["refreshToken": here.refreshToken])
            _ = try await world.login("sam@example.com", password: Self.newPassword)
        }
    }
}
