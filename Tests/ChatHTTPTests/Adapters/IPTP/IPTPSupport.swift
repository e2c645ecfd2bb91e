import ChatCore
import ChatHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A captcha whose answer the test knows.
struct KnownCaptcha: CaptchaDrawing {
    static let answer = "K7PX3M"

    func newChallenge() -> (answer: String, image: String) {
        (Self.answer, "data:image/svg+xml;base64,PHN2Zy8+")
    }
}

extension TestWorld {
    /// Creates a guest through the XM API with a solved captcha.
    func createGuest(department: Int64, name: String = "Tester2", headers: HTTPFields = [:]) async throws -> JSONValue {
        let captcha = try await call(.get, "/xm/captcha")
        let id = try JSONValue(data: Data(buffer: captcha.body))["captchaId"]?.string
        let body: [String: Any] = [
            "name": name, "email": "tester2@example.com", "departmentId": department,
            "message": "Hello, I'd like to contact sales team", "sourceUrl": "https://www.example.com/best-path/",
        ]
        var allHeaders = headers
        allHeaders[.contentType] = "application/json"
        let response = try await client.execute(
            uri: "/xm/guests?captchaId=\(try #require(id))&captcha=\(KnownCaptcha.answer.lowercased())", method: .post,
            headers: allHeaders, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        )
        #expect(response.status == .created, "\(String(buffer: response.body))")
        return try JSONValue(data: Data(buffer: response.body))
    }

    /// A guest's new chat in a new "Live assistance" department: where the guest posts its
    /// messages, its token and the department.
    func guestChat() async throws -> (messagesPath: String, token: String, department: Int64) {
        let admin = try await adminToken()
        let live = try await createDepartment("Live assistance", admin: admin)
        let guest = try await createGuest(department: live.id)
        return ("/xm/api/chats/\(try #require(guest["chatId"]?.string))/messages", try #require(guest["access_token"]?.string), live.id)
    }

    /// Logs an agent in through the XM API and returns its token.
    func xmLogin(_ email: String) async throws -> String {
        let response = try await call(.post, "/xm/api/login", json: ["email": email, "password": TestWorld.password])
        #expect(response.status == .ok)
        return try #require(try JSONValue(data: Data(buffer: response.body))["access_token"]?.string)
    }
}
