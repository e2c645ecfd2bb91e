import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("A path answers the methods it does not support with 405 and Allow")
struct MethodTests {
    static let query = HTTPRequest.Method("QUERY")!

    @Test(arguments: TestBackend.available)
    func unsupportedMethodsGet405WithTheMethodsThePathSupports(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.trace, "/healthz", "GET"),
                (.delete, "/v1/chats", "GET, POST"),
                (.put, "/v1/chats/3fa2c81d09be", "GET"),
                (.get, "/v1/chats/3fa2c81d09be/messages", "POST"),
                (Self.query, "/v1/departments", "GET, POST"),
                (.post, "/v1/agents/0b6f3c52/departments", "PUT"),
                (.patch, "/xm/guests", "POST"),
                (.options, "/livechat/agents/0b6f3c52", "GET, PUT"),
                (.patch, "/api/account/1/agentSession/5f0c2a9e/availability", "GET, POST, PUT"),
            ]
            for (method, path, allowed) in cases {
                let response = try await world.call(method, path, token: admin)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allowed, "\(method) \(path)")
                let envelope = try? JSONDecoder().decode(Wire.ErrorEnvelope.self, from: Data(buffer: response.body))
                #expect(envelope?.error.code == "method_not_allowed", "\(method) \(path): \(String(buffer: response.body))")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func pathsNoRouteHasStay404WhateverTheMethod(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            try await world.expectError(.notFound, code: "not_found", .trace, "/v1/nothing-here")
            try await world.expectError(.notFound, code: "not_found", .patch, "/api/account/1/no/such/resource")
        }
    }
}
