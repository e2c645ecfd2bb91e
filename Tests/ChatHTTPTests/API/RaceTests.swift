import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

/// Clients that send the same thing several times at once (a retry racing the original, a
/// double click): exactly one takes effect, the others get a clear answer, never a 500.
@Suite("Racing requests", .timeLimit(.minutes(3)))
struct RaceTests {
    @Test(arguments: TestBackend.available)
    func racingSendsOfOneClientMessageIDStoreOneMessage(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let path = "/v1/chats/\(started.chat.id)/messages"
            let body = Wire.Message(text: "Sent twice by a nervous client", clientMessageId: "nervous-1")
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await world.call(.post, path, token: started.credentials.accessToken, json: body) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.filter { $0.status == .created }.count == 1)
            #expect(responses.filter { $0.status == .ok }.count == 7, "the others are answered with the stored message")
            let events = try responses.map { try JSONDecoder().decode(Wire.Event.self, from: Data(buffer: $0.body)) }
            #expect(Set(events.map(\.cursor)).count == 1)
            let history = try await world.expect(.ok, Wire.Page.self, .get, "\(path.dropLast("/messages".count))/events", token: admin)
            #expect(history.items.filter { $0.clientMessageId == "nervous-1" }.count == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func racingGuestsWithOneCaptchaStartOneChat(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.captcha.isRequired = true }, overrides: IPTPGuestTests.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let captcha = try JSONValue(data: Data(buffer: try await world.call(.get, "/xm/captcha").body))
            let id = try #require(captcha["captchaId"]?.string)
            let body: [String: String] = ["name": "Ann", "email": "ann@example.com", "departmentId": "\(live.id)", "message": "Hi"]
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await world.call(.post, "/xm/guests?captchaId=\(id)&captcha=\(KnownCaptcha.answer)", json: body) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.filter { $0.status == .created }.count == 1)
            for refused in responses where refused.status != .created {
                refused.expectError(.iptp(path: "/xm/guests"), .unprocessableContent, code: "captcha_failed")
            }
            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(chats.items.count == 1)
        }
    }
}
