import ChatCore
import ChatHTTP
import Foundation
import ParleyTestSupport
import Testing

/// `POST /v1/chats` obeys the same captcha policy as `POST /xm/guests`.
@Suite("Captchas on the native API")
struct NativeCaptchaTests {
    static let known = ParleyServices.Overrides(captchaDrawing: KnownCaptcha())

    struct Captcha: Codable {
        let id: String
        let image: String
        let expiresAt: String
    }

    struct StartChat: Encodable {
        struct Answer: Encodable {
            let id: String
            let answer: String
        }

        let departmentId: Int64
        let name = "Vera Visitor"
        let email: String
        let message = "Hello, I need help"
        let captcha: Answer?
    }

    static func captchaOn(lifetime: Duration = .seconds(300)) -> (inout AppConfig) -> Void {
        { config in
            config.captcha.isRequired = true
            config.captcha.lifetime = lifetime
        }
    }

    static func issue(_ world: TestWorld) async throws -> Captcha {
        try await world.expect(.ok, Captcha.self, .get, "/v1/captcha")
    }

    @Test(arguments: TestBackend.available)
    func aCaptchaIsIssuedAsAnImageWithItsExpiry(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: Self.captchaOn()) { world in
            let captcha = try await Self.issue(world)
            #expect(captcha.image.hasPrefix("data:image/svg+xml;base64,"))
            let format = ISO8601DateFormatter()
            format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let expiresAt = try #require(format.date(from: captcha.expiresAt))
            #expect(expiresAt > Date().addingTimeInterval(200) && expiresAt < Date().addingTimeInterval(400))
        }
    }

    @Test(arguments: TestBackend.available)
    func aChatStartsOnlyWithARightUnusedAnswerAndRefusalsStoreNothing(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: Self.captchaOn(), overrides: Self.known) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            func start(_ answer: StartChat.Answer?, email: String = "vera@example.com") -> StartChat {
                StartChat(departmentId: sales.id, email: email, captcha: answer)
            }

            try await world.expectError(.unprocessableContent, code: "captcha_failed", .post, "/v1/chats", json: start(nil))
            let wrong = try await Self.issue(world)
            try await world.expectError(.unprocessableContent, code: "captcha_failed", .post, "/v1/chats",
                                        json: start(.init(id: wrong.id, answer: "WRONG1")))
            try await world.expectError(.unprocessableContent, code: "captcha_failed", .post, "/v1/chats",
                                        json: start(.init(id: wrong.id, answer: KnownCaptcha.answer)))
            try await world.expectError(.unprocessableContent, code: "captcha_failed", .post, "/v1/chats",
                                        json: start(.init(id: "unknown", answer: KnownCaptcha.answer)))
            try await world.expectError(.unprocessableContent, code: "captcha_failed", .post, "/v1/chats",
                                        json: start(.init(id: String(repeating: "a", count: 5000), answer: KnownCaptcha.answer)))
            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(chats.items.isEmpty, "no refused start left a chat behind")

            let right = try await Self.issue(world)
            // The form is checked before the captcha: a bad field leaves the captcha unused.
            try await world.expectError(.unprocessableContent, code: "invalid_field", .post, "/v1/chats",
                                        json: start(.init(id: right.id, answer: KnownCaptcha.answer), email: "not an email"))
            let started = try await world.expect(.created, Wire.StartedChat.self, .post, "/v1/chats",
                                                 json: start(.init(id: right.id, answer: " k7px3m ")))
            _ = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(started.chat.id)", token: started.credentials.accessToken)
            try await world.expectError(.unprocessableContent, code: "captcha_failed", .post, "/v1/chats",
                                        json: start(.init(id: right.id, answer: KnownCaptcha.answer)))
            let after = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(after.items.map(\.id) == [started.chat.id], "a reused captcha started nothing")
        }
    }

    @Test(arguments: TestBackend.available)
    func anExpiredCaptchaIsRefused(_ backend: TestBackend) async throws {
        // A lifetime of zero: every captcha has expired by the time it is answered.
        try await TestWorld.run(backend, configure: Self.captchaOn(lifetime: .zero), overrides: Self.known) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let captcha = try await Self.issue(world)
            try await world.expectError(.unprocessableContent, code: "captcha_failed", .post, "/v1/chats",
                                        json: StartChat(departmentId: sales.id, email: "vera@example.com",
                                                        captcha: .init(id: captcha.id, answer: KnownCaptcha.answer)))
            #expect(try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin).items.isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func withCaptchasOffNoAnswerIsAsked(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.captcha.isRequired = false }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            _ = try await world.expect(.created, Wire.StartedChat.self, .post, "/v1/chats",
                                       json: StartChat(departmentId: sales.id, email: "vera@example.com", captcha: nil))
            _ = try await world.expect(.created, Wire.StartedChat.self, .post, "/v1/chats",
                                       json: StartChat(departmentId: sales.id, email: "vera@example.com", captcha: .init(id: "x", answer: "y")))
        }
    }

    @Test(arguments: TestBackend.available)
    func bothFacesCaptchasShareOneRateLimit(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.http.captchasPerMinute = 2 }) { world in
            #expect(try await world.call(.get, "/v1/captcha").status == .ok)
            #expect(try await world.call(.get, "/xm/captcha").status == .ok)
            let limited = try await world.call(.get, "/v1/captcha")
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
            try await world.expectError(.tooManyRequests, code: "rate_limited", .get, "/v1/captcha")
        }
    }
}
