import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

@Suite("Bad input gets a clear JSON error and stores nothing", .timeLimit(.minutes(2)))
struct BadInputTests {
    @Test(arguments: TestBackend.available)
    func malformedAndInvalidChatStartsAreRefused(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            try await world.expectError(.badRequest, code: "malformed_request", .post, "/v1/chats", json: ["departmentId": "\(sales.id)"])
            let raw = try await world.client.execute(uri: "/v1/chats", method: .post, headers: [.contentType: "application/json"],
                                                     body: ByteBuffer(string: "{not json"))
            raw.expectError(.native(), .badRequest, code: "malformed_request")
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "name", .post, "/v1/chats",
                                        json: Wire.StartChat(departmentId: sales.id, name: "  ", email: "a@b.co", message: "hi"))
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "email", .post, "/v1/chats",
                                        json: Wire.StartChat(departmentId: sales.id, name: "Al", email: "not-an-email", message: "hi"))
            try await world.expectError(.unprocessableContent, code: "message_too_long", field: "message", .post, "/v1/chats",
                                        json: Wire.StartChat(departmentId: sales.id, name: "Al", email: "a@b.co", message: String(repeating: "x", count: 4001)))
            try await world.expectError(.notFound, code: "department_not_found", .post, "/v1/chats",
                                        json: Wire.StartChat(departmentId: 999, name: "Al", email: "a@b.co", message: "hi"))
            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(chats.items.isEmpty, "no refused start left a chat behind")
        }
    }

    @Test(arguments: TestBackend.available)
    func oversizedBodiesGet413(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.http.maxBodyBytes = 2048 }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            try await world.expectError(.contentTooLarge, code: "body_too_large", .post, "/v1/chats",
                                        json: Wire.StartChat(departmentId: sales.id, name: "Al", email: "a@b.co", message: String(repeating: "x", count: 3000)))
        }
    }

    @Test(arguments: TestBackend.available)
    func oversizedTokenFormsGet413NotA500(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.http.maxBodyBytes = 2048 }) { world in
            let form = "grant_type=refresh_token&refresh_token=" + String(repeating: "a", count: 3000)
            for (path, shape) in [("/oauth/token", ErrorShape.native()), ("/xm/oauth2/token", .iptp(path: "/xm/oauth2/token"))] {
                let response = try await world.client.execute(
                    uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)
                )
                response.expectError(shape, .contentTooLarge, code: "body_too_large")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func unknownRoutesAndBadQueriesAnswerInTheEnvelope(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            try await world.expectError(.notFound, code: "not_found", .get, "/v1/nothing-here", token: admin)
            try await world.expectError(.badRequest, code: "malformed_request", .get, "/v1/sync?cursor=abc", token: admin)
            try await world.expectError(.badRequest, code: "malformed_request", .get, "/v1/chats?state=sleeping", token: admin)
            try await world.expectError(.unprocessableContent, code: "invalid_field", .get, "/v1/sync?limit=0&timeout=0", token: admin)
            try await world.expectError(.notFound, code: "chat_not_found", .get, "/v1/chats/unknown", token: admin)
        }
    }

    @Test(arguments: TestBackend.available)
    func chatStartsAreRateLimitedPerClient(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.http.chatStartsPerMinute = 2 }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            _ = try await world.startChat(department: sales.id)
            _ = try await world.startChat(department: sales.id)
            let response = try await world.call(.post, "/v1/chats",
                                                json: Wire.StartChat(departmentId: sales.id, name: "Al", email: "a@b.co", message: "hi"))
            response.expectError(.native(), .tooManyRequests, code: "rate_limited")
            #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 0)
            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(chats.items.count == 2, "the refused start stored nothing")
        }
    }

    @Test(arguments: TestBackend.available)
    func healthReadinessAndTheAPIDocumentAreServed(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            #expect(try await world.call(.get, "/healthz").status == .ok)
            #expect(try await world.call(.get, "/readyz").status == .ok)
            let document = try await world.call(.get, "/openapi.yaml")
            #expect(document.status == .ok)
            #expect(String(buffer: document.body).hasPrefix("openapi: 3.1"))
        }
    }
}
