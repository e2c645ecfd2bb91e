import ChatCore
import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// The widget's pre-chat form: admins define it, anyone reads it, and chats started through
/// the native API must answer it.
@Suite("Pre-chat fields", .timeLimit(.minutes(2)))
struct PrechatFieldTests {
    struct Field: Codable, Equatable {
        var key: String
        var label: String
        var type: String
        var required = false
        var options: [String] = []
        var departmentId: Int64?
    }

    struct Fields: Codable {
        let items: [Field]
    }

    struct Answer: Encodable {
        let name: String
        let value: String
    }

    struct Start: Encodable {
        let departmentId: Int64
        var name = "Vera Visitor"
        var email = "vera@example.com"
        var message = "Hello"
        var fields: [Answer]?
    }

    struct Started: Decodable {
        struct Visitor: Decodable {
            let id: String
        }

        let visitor: Visitor
    }

    static func form(sales: Int64) -> [Field] {
        [
            Field(key: "order_number", label: "Order number", type: "text", required: true, departmentId: sales),
            Field(key: "topic", label: "Topic", type: "select", required: false, options: ["Billing", "Delivery"]),
            Field(key: "work_email", label: "Work email", type: "email"),
            Field(key: "phone", label: "Phone", type: "tel"),
            Field(key: "details", label: "Details", type: "textarea"),
            Field(key: "newsletter", label: "Send me news", type: "checkbox"),
        ]
    }

    @Test(arguments: TestBackend.available)
    func anyoneReadsTheFormAdminsReplaceItWhole(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let support = try await world.createDepartment("Support", admin: admin)
            let form = Self.form(sales: sales.id)
            #expect(try await world.expect(.ok, Fields.self, .put, "/v1/prechat-fields", token: admin, json: Fields(items: form)).items == form)
            #expect(try await world.expect(.ok, Fields.self, .get, "/v1/prechat-fields").items == form)
            #expect(try await world.expect(.ok, Fields.self, .get, "/v1/prechat-fields?departmentId=\(sales.id)").items == form)
            #expect(try await world.expect(.ok, Fields.self, .get, "/v1/prechat-fields?departmentId=\(support.id)").items == Array(form.dropFirst()))
            try await world.expectError(.notFound, code: "department_not_found", .get, "/v1/prechat-fields?departmentId=99")

            let seller = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            try await world.expectError(.forbidden, code: "forbidden", .put, "/v1/prechat-fields", token: seller, json: Fields(items: []))
            let odd = Field(key: "when", label: "When", type: "date")
            try await world.expectError(.forbidden, code: "forbidden", .put, "/v1/prechat-fields", token: seller, json: Fields(items: [odd]))
            try await world.expectError(.unauthorized, code: "unauthenticated", .put, "/v1/prechat-fields", json: Fields(items: []))

            func refuse(_ items: [Field], field: String, code: String = "invalid_field", status: HTTPResponse.Status = .unprocessableContent) async throws {
                try await world.expectError(status, code: code, field: field, .put, "/v1/prechat-fields", token: admin, json: Fields(items: items))
            }
            let plain = Field(key: "company", label: "Company", type: "text")
            var bad = plain
            bad.key = "email"
            try await refuse([plain, bad], field: "items[1].key")
            bad.key = "Company"
            try await refuse([bad], field: "items[0].key")
            bad = plain
            bad.type = "date"
            try await refuse([plain, bad], field: "items[1].type")
            bad = plain
            bad.type = "select"
            try await refuse([bad], field: "items[0].options")
            bad.options = Array(repeating: "x", count: 2)
            try await refuse([bad], field: "items[0].options")
            bad.options = (0...20).map { "Choice \($0)" }
            try await refuse([bad], field: "items[0].options")
            bad = plain
            bad.label = String(repeating: "é", count: 101)
            try await refuse([bad], field: "items[0].label")
            try await refuse([plain, plain], field: "items[1].key")
            try await refuse(Array(repeating: plain, count: 21), field: "items")
            bad = plain
            bad.departmentId = 99
            try await world.expectError(.notFound, code: "department_not_found", .put, "/v1/prechat-fields", token: admin, json: Fields(items: [bad]))
            #expect(try await world.expect(.ok, Fields.self, .get, "/v1/prechat-fields").items == form, "a refused list changes nothing")

            #expect(try await world.expect(.ok, Fields.self, .put, "/v1/prechat-fields", token: admin, json: Fields(items: [])).items.isEmpty)
            #expect(try await world.expect(.ok, Fields.self, .get, "/v1/prechat-fields").items.isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func aChatStartedThroughTheFormMustAnswerItsDepartmentsFields(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let support = try await world.createDepartment("Support", admin: admin)
            _ = try await world.expect(.ok, Fields.self, .put, "/v1/prechat-fields", token: admin, json: Fields(items: Self.form(sales: sales.id)))

            func refuse(_ fields: [Answer]?, field: String) async throws {
                try await world.expectError(
                    .unprocessableContent, code: "invalid_field", field: field, .post, "/v1/chats", json: Start(departmentId: sales.id, fields: fields)
                )
            }
            try await refuse(nil, field: "fields.order_number")
            try await refuse([Answer(name: "order_number", value: "  ")], field: "fields.order_number")
            try await refuse([Answer(name: "order_number", value: "A-1"), Answer(name: "topic", value: "Refunds")], field: "fields.topic")
            try await refuse([Answer(name: "order_number", value: "A-1"), Answer(name: "work_email", value: "not an email")], field: "fields.work_email")
            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(chats.items.isEmpty, "a refused start stores nothing")

            let answers = [
                Answer(name: "order_number", value: "A-1"), Answer(name: "topic", value: "Billing"),
                Answer(name: "work_email", value: "vera@work.example"), Answer(name: "loyalty_id", value: "anything, nobody defined it"),
            ]
            let started = try await world.expect(.created, Started.self, .post, "/v1/chats", json: Start(departmentId: sales.id, fields: answers))
            let visitor = try await world.services.storage.visitor(VisitorID(started.visitor.id))
            #expect(visitor?.formField("order_number") == "A-1" && visitor?.formField("loyalty_id") == "anything, nobody defined it",
                    "the answers stay where form fields go")
            _ = try await world.expect(.created, Started.self, .post, "/v1/chats", json: Start(departmentId: support.id))
        }
    }
}
