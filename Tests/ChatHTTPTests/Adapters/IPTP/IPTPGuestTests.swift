import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

@Suite("IPTP guests: captcha, creation and tokens", .timeLimit(.minutes(3)))
struct IPTPGuestTests {
    static let known = ParleyServices.Overrides(captchaDrawing: KnownCaptcha())

    static func captchaOn(_ config: inout AppConfig) {
        config.captcha.isRequired = true
    }

    @Test(arguments: TestBackend.available)
    func aGuestIsCreatedInTheSeedsShapeWithAnHS512Token(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: Self.captchaOn, overrides: Self.known) { world in
            let admin = try await world.adminToken()
            _ = try await world.createDepartment("Test", admin: admin)
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let guest = try await world.createGuest(department: live.id)
            #expect(guest.shapeDifferences(from: try SeedFixture.json("IPTP", "guest-response.json")).isEmpty)
            let userId = try #require(guest["userId"]?.string)
            let chatId = try #require(guest["chatId"]?.string)
            #expect(userId.count == 12 && chatId.count == 12)

            let token = try #require(guest["access_token"]?.string)
            let parts = token.split(separator: ".").map(String.init)
            #expect(parts.count == 3)
            let header = try JSONValue(data: try #require(Self.base64URL(parts[0])))
            let claims = try JSONValue(data: try #require(Self.base64URL(parts[1])))
            #expect(header["alg"]?.string == "HS512")
            #expect(claims["sub"]?.string == userId)
            let issued = try #require(claims["iat"]?.number)
            #expect(try #require(claims["exp"]?.number) - issued == 30 * 60)

            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats?departmentId=\(live.id)", token: admin)
            #expect(chats.items.map(\.id) == [chatId])
        }
    }

    @Test(arguments: TestBackend.available)
    func badGuestRequestsAreRefusedInIPTPsErrorShapeAndStoreNothing(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: Self.captchaOn, overrides: Self.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            func post(_ body: [String: Any], captcha: String = KnownCaptcha.answer) async throws -> TestResponse {
                let issued = try JSONValue(data: Data(buffer: try await world.call(.get, "/xm/captcha").body))
                let id = try #require(issued["captchaId"]?.string)
                let response = try await world.client.execute(
                    uri: "/xm/guests?captchaId=\(id)&captcha=\(captcha)", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
                )
                return response
            }
            let valid: [String: Any] = ["name": "Ann", "email": "ann@example.com", "departmentId": "\(live.id)", "message": "Hi"]

            let shape = ErrorShape.iptp(path: "/xm/guests")
            try await post(valid.merging(["departmentId": 99]) { $1 }).expectError(shape, .notFound, code: "department_not_found")
            try await post(valid.merging(["email": "not an email"]) { $1 }).expectError(shape, .unprocessableContent, code: "invalid_field")
            try await post(valid.filter { $0.key != "name" }).expectError(shape, .badRequest, code: "malformed_request")
            try await post(valid.merging(["departmentId": "two"]) { $1 }).expectError(shape, .badRequest, code: "malformed_request")
            try await post(valid, captcha: "WRONG1").expectError(shape, .unprocessableContent, code: "captcha_failed")

            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(chats.items.isEmpty, "no refused request left a chat behind")
            #expect(try await post(valid).status == .created, "a numeric string department id is accepted")
        }
    }

    @Test(arguments: TestBackend.available)
    func aCaptchaWorksOnceAndNotAfterItExpires(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: Self.captchaOn, overrides: Self.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let body = ["name": "Ann", "email": "ann@example.com", "departmentId": "\(live.id)", "message": "Hi"]
            func issue() async throws -> String {
                let response = try await world.call(.get, "/xm/captcha")
                let issued = try JSONValue(data: Data(buffer: response.body))
                #expect(issued["image"]?.string?.hasPrefix("data:image/svg+xml;base64,") == true)
                return try #require(issued["captchaId"]?.string)
            }
            func guest(_ captchaId: String, answer: String) async throws -> TestResponse {
                try await world.call(.post, "/xm/guests?captchaId=\(captchaId)&captcha=\(answer)", json: body)
            }
            let refused = ErrorShape.iptp(path: "/xm/guests")
            let id = try await issue()
            #expect(try await guest(id, answer: "k7Px3m").status == .created, "answers are compared without regard to case")
            try await guest(id, answer: KnownCaptcha.answer).expectError(refused, .unprocessableContent, code: "captcha_failed")
            let wrongOnce = try await issue()
            try await guest(wrongOnce, answer: "NOPE00").expectError(refused, .unprocessableContent, code: "captcha_failed")
            try await guest(wrongOnce, answer: KnownCaptcha.answer).expectError(refused, .unprocessableContent, code: "captcha_failed")

            let expiring = try await issue()
            let lastMoment = try await issue()
            world.clock.advance(by: world.config.captcha.lifetime - .seconds(1))
            #expect(try await guest(lastMoment, answer: KnownCaptcha.answer).status == .created, "good until its lifetime is over")
            world.clock.advance(by: .seconds(2))
            try await guest(expiring, answer: KnownCaptcha.answer).expectError(refused, .unprocessableContent, code: "captcha_failed")
            let none = try await world.call(.post, "/xm/guests", json: body)
            none.expectError(refused, .unprocessableContent, code: "captcha_failed")
            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(chats.items.count == 2, "only the accepted answers started chats")
        }
    }

    @Test(arguments: TestBackend.available)
    func aBadAgentTokenDoesNotBlockPublicXMRoutes(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let response = try await world.call(.get, "/xm/captcha", headers: [HTTPField.Name("X-Authorization-Token")!: "stale"])
            #expect(response.status == .ok)
            try await world.call(.get, "/xm/api/sync?timeout=0", headers: [HTTPField.Name("X-Authorization-Token")!: "stale"])
                .expectError(.iptp(path: "/xm/api/sync"), .unauthorized, code: "unauthenticated")
        }
    }

    @Test(arguments: TestBackend.available)
    func captchasAreRateLimitedPerClient(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.http.captchasPerMinute = 2 }) { world in
            #expect(try await world.call(.get, "/xm/captcha").status == .ok)
            #expect(try await world.call(.get, "/xm/captcha").status == .ok)
            let limited = try await world.call(.get, "/xm/captcha")
            limited.expectError(.iptp(path: "/xm/captcha"), .tooManyRequests, code: "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func withCaptchasOffScriptsCreateGuestsWithoutOne(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.captcha.isRequired = false }) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let body: [String: String] = ["name": "Bot", "email": "bot@example.com", "departmentId": "\(live.id)", "message": "Hi"]
            #expect(try await world.call(.post, "/xm/guests", json: body).status == .created)
        }
    }

    @Test(arguments: TestBackend.available)
    func refreshTokensRotateAndExpiredAccessTokensAreRefused(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.tokens.refreshReuseGrace = .zero }, overrides: Self.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let guest = try await world.createGuest(department: live.id)
            let refresh = try #require(guest["refresh_token"]?.string)

            let renewed = try await world.call(.post, "/xm/oauth2/token", json: ["refresh_token": refresh])
            #expect(renewed.status == .ok)
            let tokens = try JSONValue(data: Data(buffer: renewed.body))
            #expect(tokens.keys == ["access_token", "refresh_token", "token_type", "expires_in"])

            let next = try #require(tokens["refresh_token"]?.string)
            let form = try await world.client.execute(
                uri: "/xm/oauth2/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "grant_type=refresh_token&refresh_token=\(next)")
            )
            #expect(form.status == .ok, "the OAuth2 form is accepted too")
            let malformed = try await world.client.execute(
                uri: "/xm/oauth2/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "grant_type=refresh_token&refresh_token=%zz <#")
            )
            malformed.expectError(.iptp(path: "/xm/oauth2/token"), .badRequest, code: "malformed_request")
            let spent = try await world.call(.post, "/xm/oauth2/token", json: ["refresh_token": refresh])
            spent.expectError(.iptp(path: "/xm/oauth2/token"), .forbidden, code: "invalid_refresh_token")
            #expect(try JSONValue(data: Data(buffer: spent.body))["details"]?.string == "Refresh token already used.")

            // Presenting a spent refresh token revoked that session; a new guest's token shows the expiry.
            try await world.call(.get, "/xm/api/sync?timeout=0", token: try #require(guest["access_token"]?.string))
                .expectError(.iptp(path: "/xm/api/sync"), .unauthorized, code: "unauthenticated")
            let other = try await world.createGuest(department: live.id)
            let access = try #require(other["access_token"]?.string)
            let chat = try #require(other["chatId"]?.string)
            world.clock.advance(by: world.config.tokens.visitorAccessTokenLifetime - .seconds(1))
            #expect(try await world.call(.get, "/xm/api/sync?timeout=0&chatId=\(chat)", token: access).status == .ok)
            world.clock.advance(by: .seconds(2))
            try await world.call(.get, "/xm/api/sync?timeout=0&chatId=\(chat)", token: access)
                .expectError(.iptp(path: "/xm/api/sync"), .unauthorized, code: "unauthenticated")
        }
    }

    static func base64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
