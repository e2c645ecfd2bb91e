import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("IPTP guests: captcha, creation and tokens")
struct IPTPGuestTests {
    static let known = ParleyServices.Overrides(captchaDrawing: KnownCaptcha())

    static func captchaOn(_ config: inout AppConfig) {
        config.captcha.isRequired = true
    }

    @Test func aGuestIsCreatedInTheSeedsShapeWithAnHS512Token() async throws {
        try await TestWorld.run(configure: Self.captchaOn, overrides: Self.known) { world in
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

    @Test func badGuestRequestsAreRefusedInIPTPsErrorShapeAndStoreNothing() async throws {
        try await TestWorld.run(configure: Self.captchaOn, overrides: Self.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            func post(_ body: [String: Any], captcha: String = KnownCaptcha.answer) async throws -> (HTTPResponse.Status, JSONValue) {
                let issued = try JSONValue(data: Data(buffer: try await world.call(.get, "/xm/captcha").body))
                let id = try #require(issued["captchaId"]?.string)
                let response = try await world.client.execute(
                    uri: "/xm/guests?captchaId=\(id)&captcha=\(captcha)", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
                )
                return (response.status, try JSONValue(data: Data(buffer: response.body)))
            }
            let valid: [String: Any] = ["name": "Ann", "email": "ann@example.com", "departmentId": "\(live.id)", "message": "Hi"]

            var (status, error) = try await post(valid.merging(["departmentId": 99]) { $1 })
            #expect(status == .notFound && error["code"]?.string == "department_not_found")
            #expect(error["status"]?.number == 404 && error["path"]?.string == "/xm/guests" && error["message"] != nil)
            (status, error) = try await post(valid.merging(["email": "not an email"]) { $1 })
            #expect(status == .unprocessableContent && error["code"]?.string == "invalid_field")
            (status, error) = try await post(valid.filter { $0.key != "name" })
            #expect(status == .badRequest)
            (status, error) = try await post(valid.merging(["departmentId": "two"]) { $1 })
            #expect(status == .badRequest)
            (status, error) = try await post(valid, captcha: "WRONG1")
            #expect(status == .unprocessableContent && error["code"]?.string == "captcha_failed")

            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(chats.items.isEmpty, "no refused request left a chat behind")
            (status, _) = try await post(valid)
            #expect(status == .created, "a numeric string department id is accepted")
        }
    }

    @Test func aCaptchaWorksOnceAndNotAfterItExpires() async throws {
        try await TestWorld.run(configure: { $0.captcha.isRequired = true; $0.captcha.lifetime = .seconds(1) }, overrides: Self.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let body = ["name": "Ann", "email": "ann@example.com", "departmentId": "\(live.id)", "message": "Hi"]
            func issue() async throws -> String {
                let response = try await world.call(.get, "/xm/captcha")
                let issued = try JSONValue(data: Data(buffer: response.body))
                #expect(issued["image"]?.string?.hasPrefix("data:image/svg+xml;base64,") == true)
                return try #require(issued["captchaId"]?.string)
            }
            func guest(_ captchaId: String, answer: String) async throws -> HTTPResponse.Status {
                try await world.call(.post, "/xm/guests?captchaId=\(captchaId)&captcha=\(answer)", json: body).status
            }
            let id = try await issue()
            #expect(try await guest(id, answer: "k7Px3m") == .created, "answers are compared without regard to case")
            #expect(try await guest(id, answer: KnownCaptcha.answer) == .unprocessableContent, "a captcha is single-use")
            let wrongOnce = try await issue()
            #expect(try await guest(wrongOnce, answer: "NOPE00") == .unprocessableContent)
            #expect(try await guest(wrongOnce, answer: KnownCaptcha.answer) == .unprocessableContent, "a wrong answer uses it up")
            let expiring = try await issue()
            try await Task.sleep(for: .milliseconds(1300))
            #expect(try await guest(expiring, answer: KnownCaptcha.answer) == .unprocessableContent)
            #expect(try await world.call(.post, "/xm/guests", json: body).status == .unprocessableContent, "no captcha at all")
        }
    }

    @Test func aBadAgentTokenDoesNotBlockPublicXMRoutes() async throws {
        try await TestWorld.run { world in
            let response = try await world.call(.get, "/xm/captcha", headers: [HTTPField.Name("X-Authorization-Token")!: "stale"])
            #expect(response.status == .ok)
            #expect(try await world.call(.get, "/xm/api/sync?timeout=0", headers: [HTTPField.Name("X-Authorization-Token")!: "stale"]).status == .unauthorized)
        }
    }

    @Test func captchasAreRateLimitedPerClient() async throws {
        try await TestWorld.run(configure: { $0.http.captchasPerMinute = 2 }) { world in
            #expect(try await world.call(.get, "/xm/captcha").status == .ok)
            #expect(try await world.call(.get, "/xm/captcha").status == .ok)
            let limited = try await world.call(.get, "/xm/captcha")
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
        }
    }

    @Test func withCaptchasOffScriptsCreateGuestsWithoutOne() async throws {
        try await TestWorld.run(configure: { $0.captcha.isRequired = false }) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let body: [String: String] = ["name": "Bot", "email": "bot@example.com", "departmentId": "\(live.id)", "message": "Hi"]
            #expect(try await world.call(.post, "/xm/guests", json: body).status == .created)
        }
    }

    @Test func refreshTokensRotateAndExpiredAccessTokensAreRefused() async throws {
        try await TestWorld.run(configure: {
            $0.tokens.visitorAccessTokenLifetime = .seconds(1)
            $0.tokens.refreshReuseGrace = .zero
        }, overrides: Self.known) { world in
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
            #expect(malformed.status == .badRequest)
            #expect(try await world.call(.post, "/xm/oauth2/token", json: ["refresh_token": refresh]).status == .unauthorized)

            let access = try #require(guest["access_token"]?.string)
            try await Task.sleep(for: .milliseconds(2100))
            let expired = try await world.call(.get, "/xm/api/sync?timeout=0", token: access)
            #expect(expired.status == .unauthorized)
        }
    }

    static func base64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
