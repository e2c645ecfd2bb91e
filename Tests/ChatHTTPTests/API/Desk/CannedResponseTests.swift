import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// Admins write canned responses; every agent reads the global ones and its departments'.
@Suite("Canned responses", .timeLimit(.minutes(2)))
struct CannedResponseTests {
    struct Canned: Codable, Equatable {
        let id: String
        let shortcut: String
        let title: String
        let text: String
        let departmentId: Int64?
    }

    struct New: Encodable {
        let shortcut: String
        var title = "A title"
        var text = "A text"
        var departmentId: Int64?
    }

    @Test(arguments: TestBackend.available)
    func agentsReadTheGlobalOnesAndTheirDepartmentsBySortedShortcut(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let support = try await world.createDepartment("Support", admin: admin)
            let post = { (body: New) in try await world.expect(.created, Canned.self, .post, "/v1/canned-responses", token: admin, json: body) }
            let hello = try await post(New(shortcut: "Hello", title: "Greeting", text: "Hello! How can I help?"))
            #expect(hello.shortcut == "hello" && hello.departmentId == nil && hello.title == "Greeting")
            let refund = try await post(New(shortcut: "refund", departmentId: sales.id))
            let returns = try await post(New(shortcut: "a-returns_2", departmentId: support.id))
            let raw = try await world.call(.get, "/v1/canned-responses", token: admin)
            #expect(String(buffer: raw.body).contains(#""departmentId":null"#), "a global response says so")

            let seller = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            #expect(try await world.expect(.ok, Wire.List<Canned>.self, .get, "/v1/canned-responses", token: seller).items == [hello, refund])
            #expect(try await world.expect(.ok, Wire.List<Canned>.self, .get, "/v1/canned-responses", token: admin).items == [returns, hello, refund])
            #expect(try await world.expect(
                .ok, Wire.List<Canned>.self, .get, "/v1/canned-responses?departmentId=\(support.id)", token: admin
            ).items == [returns, hello])
            try await world.expectError(.forbidden, code: "forbidden", .get, "/v1/canned-responses?departmentId=\(support.id)", token: seller)
            try await world.expectError(.notFound, code: "department_not_found", .get, "/v1/canned-responses?departmentId=99", token: admin)
            try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/canned-responses", token: seller, json: New(shortcut: "mine"))
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/canned-responses")
            let visitor = try await world.startChat(department: sales.id).credentials.accessToken
            try await world.expectError(.forbidden, code: "forbidden", .get, "/v1/canned-responses", token: visitor)
        }
    }

    @Test(arguments: TestBackend.available)
    func adminsChangeAndDeleteThemAndBadInputStoresNothing(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let refund = try await world.expect(
                .created, Canned.self, .post, "/v1/canned-responses", token: admin, json: New(shortcut: "refund", departmentId: sales.id)
            )
            _ = try await world.expect(.created, Canned.self, .post, "/v1/canned-responses", token: admin, json: New(shortcut: "refund"))
            try await world.expectError(
                .conflict, code: "shortcut_taken", .post, "/v1/canned-responses", token: admin, json: New(shortcut: "REFUND", departmentId: sales.id)
            )
            for bad in ["", "has space", "/refund", String(repeating: "a", count: 33), "straße"] {
                try await world.expectError(
                    .unprocessableContent, code: "invalid_field", field: "shortcut", .post, "/v1/canned-responses", token: admin, json: New(shortcut: bad)
                )
            }
            try await world.expectError(
                .unprocessableContent, code: "invalid_field", field: "title", .post, "/v1/canned-responses", token: admin,
                json: New(shortcut: "t", title: String(repeating: "é", count: 101))
            )
            try await world.expectError(
                .unprocessableContent, code: "message_too_long", field: "text", .post, "/v1/canned-responses", token: admin,
                json: New(shortcut: "t", text: String(repeating: "x", count: 4001))
            )
            try await world.expectError(
                .notFound, code: "department_not_found", .post, "/v1/canned-responses", token: admin, json: New(shortcut: "t", departmentId: 99)
            )

            let path = "/v1/canned-responses/\(refund.id)"
            let renamed = try await world.expect(.ok, Canned.self, .patch, path, token: admin, json: ["title": "Refunds", "text": "We refund within 14 days."])
            #expect(renamed.title == "Refunds" && renamed.text == "We refund within 14 days." && renamed.shortcut == "refund" && renamed.departmentId == sales.id)
            try await world.expectError(.conflict, code: "shortcut_taken", .patch, path, token: admin, json: ["departmentId": nil as Int64?])
            let moved = try await world.expect(.ok, Canned.self, .patch, path, token: admin, json: ["shortcut": "Refund-EU"])
            let global = try await world.expect(.ok, Canned.self, .patch, path, token: admin, json: ["departmentId": nil as Int64?])
            #expect(moved.shortcut == "refund-eu" && global.departmentId == nil && global.title == "Refunds")
            try await world.expectError(.notFound, code: "department_not_found", .patch, path, token: admin, json: ["departmentId": 99])
            try await world.expectError(.notFound, code: "canned_response_not_found", .patch, "/v1/canned-responses/nope", token: admin, json: ["title": "X"])

            #expect(try await world.call(.delete, path, token: admin).status == .noContent)
            try await world.expectError(.notFound, code: "canned_response_not_found", .delete, path, token: admin)
            let left = try await world.expect(.ok, Wire.List<Canned>.self, .get, "/v1/canned-responses", token: admin).items
            #expect(left.map(\.shortcut) == ["refund"] && left.first?.departmentId == nil)
        }
    }
}
