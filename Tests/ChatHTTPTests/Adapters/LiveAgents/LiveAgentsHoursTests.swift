import ChatCore
import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// The mediator's day status, and registrations refused outside a department's hours.
@Suite("Live Agents: business hours", .timeLimit(.minutes(2)))
struct LiveAgentsHoursTests {
    static func localDate(_ date: Date, in zone: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// A holiday from yesterday to tomorrow (local dates), whatever the day the test runs.
    static func holiday(around now: Date) -> [String: Any] {
        [
            "time_zone": "Etc/GMT+6", "workingDayMessage": "We answer from 8:00 to 17:00.",
            "days": ["workingDays": Weekday.allCases.map { ["day": $0.rawValue, "start_time": "0:00", "end_time": "24:00"] }, "holidays": [[
                "day": "Fiesta", "start_date": localDate(now.addingTimeInterval(-86_400), in: "Etc/GMT+6"),
                "end_date": localDate(now.addingTimeInterval(86_400), in: "Etc/GMT+6"), "message": "Closed for the fiesta.",
            ]]],
        ]
    }

    @Test(arguments: TestBackend.available)
    func theDayStatusIsPublicAndSaysWhatTheCalendarSays(_ backend: TestBackend) async throws {
        try await TestWorld.runLiveAgents(backend) { world in
            let admin = try await world.adminToken()
            #expect(try await world.putCalendar("hiv/GT", Self.holiday(around: world.clock.now), token: admin).status == .created)
            #expect(try await world.putCalendar("hiv/sv", BusinessHoursAPITests.open, token: admin).status == .created)

            let holiday = try await world.liveAgents(.get, "project/hiv/country/GT/day-status", headers: [:])
            #expect(holiday.status == .ok)
            let text = String(buffer: holiday.body)
            let keys = ["status_code", "status", "msg", "time_zone", "start_date", "end_date", "start_time", "end_time",
                        "is_registration_available", "day_type", "day_name", "message"]
            let positions = keys.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
            #expect(positions.count == keys.count && positions == positions.sorted(), "the fields in the documented order: \(text)")
            let body = try JSONValue(data: Data(text.utf8))
            #expect(body.keys == Set(keys))
            #expect(body["time_zone"]?.string == "Etc/GMT+6" && body["is_registration_available"] == .bool(false))
            #expect(body["day_type"]?.string == "holiday" && body["day_name"]?.string == "Fiesta" && body["message"]?.string == "Closed for the fiesta.")
            #expect(body["start_date"]?.string == Self.localDate(world.clock.now.addingTimeInterval(-86_400), in: "Etc/GMT+6"))

            let open = try JSONValue(data: Data(buffer: try await world.liveAgents(.get, "project/hiv/country/sv/day-status", headers: [:]).body))
            #expect(open["is_registration_available"] == .bool(true) && open["day_type"]?.string == "workingday")
            #expect(open["start_time"]?.string == "0:00" && open["end_time"]?.string == "24:00" && open["message"]?.string == "Always here.")
            #expect(open["start_date"]?.string == Self.localDate(world.clock.now, in: "Europe/Berlin"))

            try world.expectEnvelope(try await world.liveAgents(.get, "project/nope/country/gt/day-status", headers: [:]), .notFound)
            try world.expectEnvelope(try await world.liveAgents(.get, "project/hiv/country/gtm/day-status", headers: [:]), .notFound)
        }
    }

    @Test(arguments: TestBackend.available)
    func outsideItsHoursADepartmentRefusesNewContactsButKeepsOpenChats(_ backend: TestBackend) async throws {
        try await TestWorld.runLiveAgents(backend) { world in
            let admin = try await world.adminToken()
            #expect(try await world.putCalendar("hiv/gt", BusinessHoursAPITests.open, token: admin).status == .created)
            let department = try await world.expect(
                .created, Wire.Department.self, .post, "/v1/departments", token: admin, json: ["name": "GTM_HIV", "calendar": "hiv/gt"]
            )
            try world.expectEnvelope(try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-open", department: "GTM_HIV")), .ok)

            #expect(try await world.putCalendar("hiv/gt", Self.holiday(around: world.clock.now), token: admin).status == .ok)
            try world.expectEnvelope(
                try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-late", department: "\(department.id)")),
                .conflict, msg: "Closed for the fiesta."
            )
            #expect(try await world.services.storage.channelContact(uuid: "c-late") == nil, "nothing stored")
            try world.expectEnvelope(
                try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-open", department: "GTM_HIV")), .ok,
                msg: "success"
            )
            #expect(try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin).items.count == 1)
        }
    }
}
