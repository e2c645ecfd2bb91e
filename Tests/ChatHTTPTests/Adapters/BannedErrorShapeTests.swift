import ChatCore
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ChatHTTP

/// LivePerson's and Comm100's faces start no chats today, so no request of theirs meets a ban
/// yet; behind each face's own error middleware, a ban still reads as that face's 403.
@Suite("A ban in each face's error shape")
struct BannedErrorShapeTests {
    /// A router whose one route, behind `middleware`, meets a ban.
    static func refusing(behind middleware: ErrorMiddleware<BasicRequestContext>) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: middleware)
        router.get("start") { _, _ -> HTTPResponse.Status in throw ChatError.banned }
        return Application(router: router)
    }

    @Test func livePersonAnswers403InJSONAndXML() async throws {
        let app = Self.refusing(behind: ErrorMiddleware(naming: LPError.fieldName, render: LPError.render))
        try await app.test(.router) { client in
            try await client.execute(uri: "/start", method: .get).expectError(.livePerson, .forbidden, code: "banned")
            try await client.execute(uri: "/start", method: .get, headers: [.accept: "application/xml"])
                .expectError(.livePersonXML, .forbidden, code: "banned")
        }
    }

    @Test func comm100Answers403() async throws {
        let app = Self.refusing(behind: ErrorMiddleware(naming: Comm100Controller.fieldName, render: Comm100Controller.error))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/start", method: .get)
            response.expectError(.comm100, .forbidden, code: "banned")
            #expect(String(buffer: response.body).contains("You cannot start a chat from here."))
        }
    }
}
