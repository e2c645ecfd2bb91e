import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// Visitors leave a message when nobody can chat; the agents of its department read it.
@Suite("Offline messages", .timeLimit(.minutes(2)))
struct OfflineMessageTests {
    struct Leave: Encodable {
        let departmentId: Int64
        var name: String? = "Olga Offline"
        var email: String? = "olga@example.com"
        var message = "Please call me back tomorrow."
        var sourceUrl: String? = "https://shop.example/contact"
    }

    struct Left: Codable, Equatable {
        let id: String
        let departmentId: Int64
        let visitorId: String?
        let name: String
        let email: String
        let message: String
        let sourceUrl: String?
        let createdAt: String
    }

    @Test(arguments: TestBackend.available)
    func aLeftMessageIsReadByItsDepartmentsAgentsNewestFirst(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let support = try await world.createDepartment("Support", admin: admin)
            let first = try await world.expect(.created, Left.self, .post, "/v1/offline-messages", json: Leave(departmentId: sales.id))
            #expect(first.name == "Olga Offline" && first.message == "Please call me back tomorrow." && first.visitorId == nil)
            world.clock.advance(by: .seconds(1))
            let second = try await world.expect(
                .created, Left.self, .post, "/v1/offline-messages", json: Leave(departmentId: sales.id, message: "Still waiting.")
            )
            _ = try await world.expect(.created, Left.self, .post, "/v1/offline-messages", json: Leave(departmentId: support.id))

            let seller = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let mine = try await world.expect(.ok, Wire.List<Left>.self, .get, "/v1/offline-messages", token: seller)
            #expect(mine.items == [second, first])
            let older = try await world.expect(
                .ok, Wire.List<Left>.self, .get, "/v1/offline-messages?before=\(second.createdAt)", token: seller
            )
            #expect(older.items == [first])
            try await world.expectError(.forbidden, code: "forbidden", .get, "/v1/offline-messages?departmentId=\(support.id)", token: seller)
            #expect(try await world.expect(.ok, Wire.List<Left>.self, .get, "/v1/offline-messages", token: admin).items.count == 3)
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/offline-messages")
        }
    }

    @Test(arguments: TestBackend.available)
    func aTrackedVisitorsMessageIsItsOwnAndBadFormsStoreNothing(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let (visitor, token) = try await world.trackVisitor()
            let left = try await world.expect(.created, Left.self, .post, "/v1/offline-messages", token: token, json: Leave(departmentId: sales.id))
            #expect(left.visitorId == visitor.id)
            try await world.expectError(.forbidden, code: "forbidden", .get, "/v1/offline-messages", token: token)

            try await world.expectError(
                .unprocessableContent, code: "invalid_field", field: "email", .post, "/v1/offline-messages", json: Leave(departmentId: sales.id, email: nil)
            )
            try await world.expectError(
                .unprocessableContent, code: "invalid_field", field: "message", .post, "/v1/offline-messages",
                json: Leave(departmentId: sales.id, message: "  ")
            )
            try await world.expectError(.notFound, code: "department_not_found", .post, "/v1/offline-messages", json: Leave(departmentId: 999))
            try await world.expectError(
                .forbidden, code: "forbidden", .post, "/v1/offline-messages", token: admin, json: Leave(departmentId: sales.id)
            )
            #expect(try await world.expect(.ok, Wire.List<Left>.self, .get, "/v1/offline-messages", token: admin).items == [left])

            try await world.call(.delete, "/v1/visitors/\(visitor.id)", token: admin)
            #expect(try await world.expect(.ok, Wire.List<Left>.self, .get, "/v1/offline-messages", token: admin).items.isEmpty,
                    "erasing a visitor erases what it left")
        }
    }
}
