import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

/// Ids arrive in paths, queries and bodies of every face. One with U+0000 (which PostgreSQL
/// text refuses) or of an absurd length must get the same clean answer as an unknown id, on
/// both databases: never a 500.
@Suite("Hostile ids on every face")
struct HostileIDTests {
    static let ids = ["x\u{0}y", "\u{0}", String(repeating: "z", count: 5000), String(repeating: "\u{1F600}", count: 1000)]

    /// One request with `{id}` standing for the hostile id, and the answer it must get.
    struct Route: CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let status: HTTPResponse.Status
        let code: String
        var body: String?
        var form = false
        var token: Caller = .admin

        var description: String { "\(method) \(path)" }
    }

    enum Caller {
        case admin, xmAgent, lpAgent, nobody
    }

    /// What the routes need: the callers' tokens, a department, and a chat the admin serves.
    struct Stage {
        let admin: String
        let xmAgent: String
        let lp: LPAgent
        let department: Int64
        let served: String
    }

    static func routes(_ stage: Stage) -> [Route] {
        let lp = stage.lp.session
        let account = LPAgent.account
        let survey = #"{"survey": {"question": {"id": "1", "answer": "x"}}}"#
        return [
            Route(method: .get, path: "/v1/chats/{id}", status: .notFound, code: "chat_not_found"),
            Route(method: .post, path: "/v1/chats/{id}/join", status: .notFound, code: "chat_not_found"),
            Route(method: .post, path: "/v1/chats/{id}/decline", status: .notFound, code: "chat_not_found"),
            Route(method: .post, path: "/v1/chats/{id}/transfer", status: .notFound, code: "chat_not_found",
                  body: #"{"departmentId": \#(stage.department)}"#),
            Route(method: .post, path: "/v1/chats/{id}/messages", status: .notFound, code: "chat_not_found", body: #"{"text": "hi"}"#),
            Route(method: .post, path: "/v1/chats/{id}/notes", status: .notFound, code: "chat_not_found", body: #"{"text": "hi"}"#),
            Route(method: .post, path: "/v1/chats/{id}/close", status: .notFound, code: "chat_not_found"),
            Route(method: .post, path: "/v1/chats/{id}/typing", status: .notFound, code: "chat_not_found", body: #"{"typing": true}"#),
            Route(method: .get, path: "/v1/chats/{id}/events", status: .notFound, code: "chat_not_found"),
            Route(method: .post, path: "/v1/chats/\(stage.served)/transfer", status: .notFound, code: "agent_not_found",
                  body: #"{"agentId": "{id}"}"#),
            Route(method: .get, path: "/v1/agents/{id}", status: .notFound, code: "agent_not_found"),
            Route(method: .patch, path: "/v1/agents/{id}", status: .notFound, code: "agent_not_found", body: #"{"name": "Ann"}"#),
            Route(method: .put, path: "/v1/agents/{id}/departments", status: .notFound, code: "agent_not_found", body: #"{"departmentIds": []}"#),
            Route(method: .put, path: "/v1/agents/{id}/status", status: .notFound, code: "agent_not_found", body: #"{"status": "online"}"#),
            Route(method: .put, path: "/v1/agents/{id}/capacity", status: .notFound, code: "agent_not_found", body: #"{"maxChats": 2}"#),
            Route(method: .delete, path: "/v1/away-statuses/{id}", status: .noContent, code: ""),
            Route(method: .delete, path: "/v1/bans/{id}", status: .notFound, code: "ban_not_found"),
            Route(method: .post, path: "/v1/bans", status: .unprocessableContent, code: "invalid_field", body: #"{"visitorId": "{id}"}"#),
            Route(method: .post, path: "/v1/auth/login", status: .unauthorized, code: "invalid_credentials",
                  body: #"{"email": "{id}", "password": "correct horse battery"}"#, token: .nobody),
            Route(method: .get, path: "/xm/api/sync?timeout=0&chatId={id}", status: .notFound, code: "chat_not_found", token: .xmAgent),
            Route(method: .get, path: "/xm/api/chats/{id}/messages", status: .notFound, code: "chat_not_found", token: .xmAgent),
            Route(method: .post, path: "/xm/api/chats/{id}/messages", status: .notFound, code: "chat_not_found",
                  body: #"{"text": "hi"}"#, token: .xmAgent),
            Route(method: .post, path: "/xm/api/chats/{id}/description", status: .notFound, code: "chat_not_found", token: .xmAgent),
            Route(method: .post, path: "/xm/api/login", status: .unauthorized, code: "invalid_credentials",
                  body: #"{"email": "{id}", "password": "correct horse battery"}"#, token: .nobody),
            Route(method: .get, path: "/livechat/agents/{id}", status: .notFound, code: "agent_not_found"),
            Route(method: .put, path: "/livechat/agents/{id}", status: .notFound, code: "agent_not_found", body: #"{"status": "online"}"#),
            Route(method: .post, path: "/oauth/token", status: .badRequest, code: "",
                  body: "grant_type=password&username={id}&password=x", form: true, token: .nobody),
            Route(method: .get, path: "\(account)/agentSession/{id}/info", status: .notFound, code: "agent_session_not_found", token: .lpAgent),
            Route(method: .delete, path: "\(account)/agentSession/{id}", status: .notFound, code: "agent_session_not_found", token: .lpAgent),
            Route(method: .get, path: "\(lp)/chat?chatSessionKeys={id}", status: .notFound, code: "chat_not_found", token: .lpAgent),
            Route(method: .get, path: "\(lp)/chat/{id}", status: .notFound, code: "chat_not_found", token: .lpAgent),
            Route(method: .get, path: "\(lp)/chat/{id}/events", status: .notFound, code: "chat_not_found", token: .lpAgent),
            Route(method: .post, path: "\(lp)/chat/{id}/events", status: .notFound, code: "chat_not_found",
                  body: #"{"event": {"type": "line", "text": "hi"}}"#, token: .lpAgent),
            Route(method: .get, path: "\(lp)/chat/{id}/events/0", status: .notFound, code: "chat_not_found", token: .lpAgent),
            Route(method: .get, path: "\(lp)/chat/{id}/info", status: .notFound, code: "chat_not_found", token: .lpAgent),
            Route(method: .get, path: "\(lp)/chat/{id}/info/visitorName", status: .notFound, code: "chat_not_found", token: .lpAgent),
            Route(method: .get, path: "\(lp)/chat/{id}/info/visitorTyping", status: .notFound, code: "chat_not_found", token: .lpAgent),
            Route(method: .put, path: "\(lp)/chat/{id}/info/agentTyping", status: .notFound, code: "chat_not_found",
                  body: #"{"agentTyping": "typing"}"#, token: .lpAgent),
            Route(method: .post, path: "\(lp)/chat/{id}/transfer", status: .notFound, code: "chat_not_found",
                  body: #"{"transfer": {"skill": {"id": \#(stage.department)}}}"#, token: .lpAgent),
            Route(method: .post, path: "\(lp)/chat/{id}/survey", status: .notFound, code: "chat_not_found", body: survey, token: .lpAgent),
            Route(method: .get, path: "\(lp)/visits/visit/{id}", status: .notFound, code: "chat_not_found", token: .lpAgent),
            Route(method: .post, path: "\(account)/login", status: .unauthorized, code: "invalid_credentials",
                  body: #"{"username": "{id}", "password": "correct horse battery"}"#, token: .nobody),
        ]
    }

    @Test(arguments: TestBackend.available)
    func everyFaceAnswersAHostileIdLikeAnUnknownOne(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.http.loginsPerMinute = 1000 }) { world in
            let stage = try await Self.stage(world)
            for id in Self.ids {
                for route in Self.routes(stage) {
                    let body = try route.body.map { ByteBuffer(string: try Self.fill($0, id, form: route.form)) }
                    let response = try await world.client.execute(
                        uri: Self.uri(route.path, id), method: route.method, headers: headers(route, stage), body: body
                    )
                    let label = "\(route) with a \(id.utf8.count)-byte id"
                    #expect(response.status == route.status, "\(label): \(String(buffer: response.body).prefix(300))")
                    if !route.code.isEmpty {
                        #expect(Self.code(of: response) == route.code, "\(label): \(String(buffer: response.body).prefix(300))")
                    }
                }
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aHostileCaptchaIdIsAWrongAnswer(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.captcha.isRequired = true }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let guest = #"{"name": "Al", "email": "al@example.com", "departmentId": \#(sales.id), "message": "hi"}"#
            for id in Self.ids {
                let response = try await world.client.execute(
                    uri: Self.uri("/xm/guests?captcha=abcdef&captchaId={id}", id), method: .post,
                    headers: [.contentType: "application/json"], body: ByteBuffer(string: guest)
                )
                #expect(response.status == .unprocessableContent && Self.code(of: response) == "captcha_failed",
                        "\(String(buffer: response.body).prefix(300))")
            }
        }
    }

    static func stage(_ world: TestWorld) async throws -> Stage {
        let team = try await RoutingTests.team(world, ["ann"])
        let lp = try await LPAgent.login(world, "ann@example.com")
        let xmAgent = try await world.xmLogin("ann@example.com")
        let served = try await world.startChat(department: team.department).chat.id
        _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(served)/join", token: team.admin)
        return Stage(admin: team.admin, xmAgent: xmAgent, lp: lp, department: team.department, served: served)
    }

    func headers(_ route: Route, _ stage: Stage) -> HTTPFields {
        var headers: HTTPFields = [.contentType: route.form ? "application/x-www-form-urlencoded" : "application/json"]
        switch route.token {
        case .admin: headers[.authorization] = "Bearer \(stage.admin)"
        case .xmAgent: headers[HTTPField.Name("X-Authorization-Token")!] = stage.xmAgent
        case .lpAgent: headers[.authorization] = "Bearer \(stage.lp.bearer)"
        case .nobody: break
        }
        return headers
    }

    /// The path with the id percent-encoded where it stands.
    static func uri(_ path: String, _ id: String) -> String {
        path.replacingOccurrences(of: "{id}", with: id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id)
    }

    /// A body with the id in it: JSON-escaped, or percent-encoded in a form.
    static func fill(_ body: String, _ id: String, form: Bool) throws -> String {
        let escaped = form
            ? id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
            : String(String(decoding: try JSONEncoder().encode(id), as: UTF8.self).dropFirst().dropLast())
        return body.replacingOccurrences(of: "{id}", with: escaped)
    }

    /// The error code, wherever the face puts it.
    static func code(of response: TestResponse) -> String? {
        guard let json = try? JSONValue(data: Data(buffer: response.body)) else { return nil }
        return json["error"]?["code"]?.string ?? json["code"]?.string
    }
}
