import ChatCore

/// The body of a department's creation or change: `name`, and `calendar` (`PROJECT/CC`, or
/// null to unlink). A missing `calendar` and a null one mean different things, so both are kept;
/// a null `name` is refused rather than read as a missing one.
struct DepartmentRequest: Decodable {
    let name: String?
    /// Whether the body holds `calendar` at all.
    let hasCalendar: Bool
    let calendar: String?

    private enum CodingKeys: String, CodingKey {
        case name, calendar
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.name), try container.decodeNil(forKey: .name) {
            throw DecodingError.valueNotFound(String.self, .init(codingPath: [CodingKeys.name], debugDescription: "name is null"))
        }
        name = try container.decodeIfPresent(String.self, forKey: .name)
        hasCalendar = container.contains(.calendar)
        calendar = try container.decodeIfPresent(String.self, forKey: .calendar)
    }

    /// Nil when the body leaves the calendar as it is; `.some(nil)` when it unlinks it.
    func calendarKey() throws -> CalendarKey?? {
        guard hasCalendar else { return nil }
        guard let calendar else { return .some(nil) }
        guard calendar.utf8.count <= 80, let key = CalendarKey(calendar) else {
            throw APIError.invalidField("calendar", reason: "must be PROJECT/CC: a folder name of 1-64 letters, digits, '_' or '-', and a 2-letter country code")
        }
        return key
    }
}
