import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

@Suite("IPTP XM face: bounded input and rates")
struct IPTPInputTests {
    @Test(arguments: TestBackend.available)
    func guestsSendingTooFastGet429WithRetryAfterInTheSpringShape(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: SendRateTests.slowSenders, overrides: IPTPGuestTests.known) { world in
            let (path, token, _) = try await world.guestChat()
            for text in ["one", "two", "three"] {
                #expect(try await world.call(.post, path, token: token, json: ["text": text]).status == .created)
            }
            let refused = try await world.call(.post, path, token: token, json: ["text": "four"])
            #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] != nil)
            let body = try JSONValue(data: Data(buffer: refused.body))
            #expect(body["status"]?.number == 429 && body["code"]?.string == "rate_limited" && body["path"]?.string == path)
        }
    }

    @Test(arguments: TestBackend.available)
    func guestFieldsAndClientIdsAreBoundInBytes(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let (path, token, department) = try await world.guestChat()
            let heavyID = String(repeating: "a" + String(repeating: "\u{301}", count: 14), count: 100)
            for clientId in [heavyID, "c\u{0}1"] {
                let refused = try await world.call(.post, path, token: token, json: ["text": "hi", "clientId": clientId])
                #expect(refused.status == .unprocessableContent, "\(clientId.utf8.count) bytes")
                #expect(String(buffer: refused.body).contains("clientId"), "the face's own name for the field")
            }
            let captcha = try JSONValue(data: Data(buffer: try await world.call(.get, "/xm/captcha").body))
            let body: [String: Any] = [
                "name": TextBoundsTests.heavyName, "email": "al@example.com", "departmentId": department, "message": "hi",
            ]
            let refused = try await world.client.execute(
                uri: "/xm/guests?captchaId=\(try #require(captcha["captchaId"]?.string))&captcha=\(KnownCaptcha.answer)", method: .post,
                headers: [.contentType: "application/json"], body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
            )
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("invalid_field"))
        }
    }
}
