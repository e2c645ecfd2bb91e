import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

/// Business calendars on the native API, and departments that follow them.
@Suite("Business hours on the native API", .timeLimit(.minutes(3)))
struct BusinessHoursAPITests {
    /// No weekday listed: closed at every instant, whatever the clock says.
    static var closed: [String: Any] {
        [
            "time_zone": "Etc/GMT+6", "workingDayMessage": "We answer on weekdays from 8:00 to 17:00.",
            "days": ["workingDays": [], "holidays": [
                ["day": "Independence Day", "start_date": "2026-09-15", "end_date": "2026-09-15", "message": "Closed for the holiday."],
            ]],
        ]
    }
    /// Every weekday all day: open at every instant.
    static var open: [String: Any] {
        [
            "time_zone": "Europe/Berlin", "workingDayMessage": "Always here.",
            "days": ["workingDays": Weekday.allCases.map { ["day": $0.rawValue, "start_time": "0:00", "end_time": "24:00"] }],
        ]
    }

    @Test(arguments: TestBackend.available)
    func calendarsAreReplacedListedAndReadWithTheirDayStatus(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let created = try await world.putCalendar("acme/GT", Self.closed, token: admin)
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let replaced = try await world.putCalendar("acme/gt", Self.closed, token: admin)
            #expect(replaced.status == .ok)
            let file = URL(fileURLWithPath: world.config.calendars.directory).appendingPathComponent("acme/working-hours-gt.toml")
            #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("[gt]\ntime_zone = \"Etc/GMT+6\""))

            let agent = try await world.agentToken("sam@example.com", departments: [], admin: admin)
            let list = try JSONValue(data: Data(buffer: try await world.call(.get, "/v1/calendars", token: agent).body))
            let item = try #require(list["items"]?.array?.first)
            #expect(item["project"]?.string == "acme" && item["country"]?.string == "gt")
            #expect(item["days"]?["holidays"]?.array?.first?["day"]?.string == "Independence Day")
            let status = try #require(item["dayStatus"])
            #expect(status["timeZone"]?.string == "Etc/GMT+6" && status["isOpen"] == .bool(false))
            #expect(status["dayType"]?.string == "workingday" && status["message"]?.string == "We answer on weekdays from 8:00 to 17:00.")
            #expect(status["startTime"]?.string == "" && status["endTime"]?.string == "")

            let one = try JSONValue(data: Data(buffer: try await world.call(.get, "/v1/calendars/acme/GT", token: agent).body))
            #expect(one["time_zone"]?.string == "Etc/GMT+6" && one["dayStatus"]?["isOpen"] == .bool(false))
        }
    }

    @Test(arguments: TestBackend.available)
    func calendarRequestsAreRefusedByRoleKeyAndField(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let agent = try await world.agentToken("sam@example.com", departments: [], admin: admin)
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/calendars")
            let byAgent = try await world.putCalendar("acme/gt", Self.open, token: agent)
            byAgent.expectError(.native(), .forbidden, code: "forbidden")
            try await world.expectError(.notFound, code: "calendar_not_found", .get, "/v1/calendars/acme/gt", token: agent)
            try await world.expectError(.notFound, code: "calendar_not_found", .get, "/v1/calendars/acme/gtm", token: agent)
            try await world.expectError(.notFound, code: "calendar_not_found", .get, "/v1/calendars/a.b/gt", token: agent)

            var badTime = Self.open
            badTime["days"] = ["workingDays": [["day": "monday", "start_time": "8h00", "end_time": "17:00"]]]
            let bad = try await world.putCalendar("acme/gt", badTime, token: admin)
            bad.expectError(.native(field: "days.workingDays[0].start_time"), .unprocessableContent, code: "invalid_field")
            var badZone = Self.open
            badZone["time_zone"] = "Mars/Olympus"
            let zone = try await world.putCalendar("acme/gt", badZone, token: admin)
            zone.expectError(.native(field: "time_zone"), .unprocessableContent, code: "invalid_field")
            try await world.expectError(.notFound, code: "calendar_not_found", .get, "/v1/calendars/acme/gt", token: agent)
        }
    }

    @Test(arguments: TestBackend.available)
    func aClosedDepartmentRefusesChatsNativelyAndThroughIPTPAndStoresNothing(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.putCalendar("acme/gt", Self.closed, token: admin)
            let department = try await world.expect(
                .created, JSONValue.self, .post, "/v1/departments", token: admin, json: ["name": "Sales", "calendar": "acme/GT"]
            )
            #expect(department["calendar"]?.string == "acme/gt" && department["isOpen"] == .bool(false))
            #expect(department["closedMessage"]?.string == "We answer on weekdays from 8:00 to 17:00.")
            let id = Int64(try #require(department["id"]?.number))

            let native = try await world.call(
                .post, "/v1/chats", json: Wire.StartChat(departmentId: id, name: "Vera", email: "vera@example.com", message: "Hi")
            )
            native.expectError(.native(), .conflict, code: "department_closed")
            #expect(try JSONDecoder().decode(Wire.ErrorEnvelope.self, from: Data(buffer: native.body)).error.message
                == "We answer on weekdays from 8:00 to 17:00.")
            let iptp = try await world.client.execute(
                uri: "/xm/guests", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: [
                    "name": "Ann", "email": "ann@example.com", "departmentId": "\(id)", "message": "Hi",
                ]))
            )
            iptp.expectError(.iptp(path: "/xm/guests"), .conflict, code: "department_closed")
            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats?departmentId=\(id)", token: admin)
            #expect(chats.items.isEmpty)

            _ = try await world.putCalendar("acme/gt", Self.open, token: admin)
            let reopened = try await world.expect(.ok, JSONValue.self, .get, "/v1/departments", token: admin)
            #expect(reopened["items"]?.array?.first?["isOpen"] == .bool(true))
            #expect(reopened["items"]?.array?.first?["closedMessage"] == nil)
            _ = try await world.startChat(department: id)
        }
    }

    @Test(arguments: TestBackend.available)
    func departmentsAreLinkedAndUnlinkedOnlyToCalendarsThatExist(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            try await world.expectError(
                .unprocessableContent, code: "invalid_field", field: "calendar", .post, "/v1/departments", token: admin,
                json: ["name": "Sales", "calendar": "acme/gt"]
            )
            try await world.expectError(
                .unprocessableContent, code: "invalid_field", field: "calendar", .post, "/v1/departments", token: admin,
                json: ["name": "Sales", "calendar": "acme/guatemala"]
            )
            let sales = try await world.createDepartment("Sales", admin: admin)
            _ = try await world.putCalendar("acme/gt", Self.closed, token: admin)
            try await world.expectError(
                .unprocessableContent, code: "invalid_field", field: "name", .patch, "/v1/departments/\(sales.id)", token: admin,
                json: ["name": "", "calendar": "acme/gt"]
            )
            try await world.expectError(
                .badRequest, code: "malformed_request", .patch, "/v1/departments/\(sales.id)", token: admin,
                json: ["name": String?.none, "calendar": "acme/gt"]
            )
            let unchanged = try await world.expect(.ok, JSONValue.self, .get, "/v1/departments", token: admin)
            #expect(unchanged["items"]?.array?.first?["calendar"] == nil, "a refused change stores nothing")

            let linked = try await world.expect(.ok, JSONValue.self, .patch, "/v1/departments/\(sales.id)", token: admin, json: ["calendar": "acme/gt"])
            #expect(linked["calendar"]?.string == "acme/gt" && linked["name"]?.string == "Sales" && linked["isOpen"] == .bool(false))
            let renamed = try await world.expect(.ok, JSONValue.self, .patch, "/v1/departments/\(sales.id)", token: admin, json: ["name": "Ventas"])
            #expect(renamed["calendar"]?.string == "acme/gt" && renamed["name"]?.string == "Ventas")
            let unlinked = try await world.expect(
                .ok, JSONValue.self, .patch, "/v1/departments/\(sales.id)", token: admin, json: ["calendar": String?.none]
            )
            #expect(unlinked["calendar"] == nil && unlinked["isOpen"] == .bool(true))
        }
    }

    @Test(arguments: TestBackend.available)
    func calendarFilesEditedByHandArePickedUpWithoutARestart(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.calendars.reloadInterval = .seconds(1) }) { world in
            let admin = try await world.adminToken()
            let folder = URL(fileURLWithPath: world.config.calendars.directory).appendingPathComponent("acme")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("working-hours-sv.toml")
            try Data("[sv]\ntime_zone = 'America/El_Salvador'\nworkingDayMessage = 'Hola'\n".utf8).write(to: file)
            let count = { @Sendable () async throws -> Int in
                let list = try JSONValue(data: Data(buffer: try await world.call(.get, "/v1/calendars", token: admin).body))
                return list["items"]?.array?.count ?? -1
            }
            try await waitUntil("the new file is read") { try await count() == 1 }
            try FileManager.default.removeItem(at: file)
            try await waitUntil("the deleted file is forgotten") { try await count() == 0 }
        }
    }

    @Test(arguments: TestBackend.available)
    func aDepartmentWhoseCalendarFileWasDeletedReadsOpen(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.putCalendar("acme/gt", Self.closed, token: admin)
            let department = try await world.expect(
                .created, JSONValue.self, .post, "/v1/departments", token: admin, json: ["name": "Sales", "calendar": "acme/gt"]
            )
            let file = URL(fileURLWithPath: world.config.calendars.directory).appendingPathComponent("acme/working-hours-gt.toml")
            try FileManager.default.removeItem(at: file)
            world.services.calendars.reload()
            let listed = try await world.expect(.ok, JSONValue.self, .get, "/v1/departments", token: admin)
            #expect(listed["items"]?.array?.first?["isOpen"] == .bool(true))
            _ = try await world.startChat(department: Int64(try #require(department["id"]?.number)))
        }
    }
}

extension TestWorld {
    func putCalendar(_ key: String, _ body: [String: Any], token: String) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
        headers[.accept] = "application/json"
        return try await client.execute(
            uri: "/v1/calendars/\(key)", method: .put, headers: headers, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        )
    }
}
