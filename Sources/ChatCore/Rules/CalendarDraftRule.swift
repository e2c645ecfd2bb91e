import Foundation

/// Bounds on a calendar, so a file or a request cannot make one without limit.
public enum CalendarBounds {
    public static let maxWorkingHours = 200
    public static let maxHolidays = 1000
    public static let maxMessageLength = 1000
    public static let maxMessageBytes = 4000
    public static let maxNameLength = 100
    public static let maxNameBytes = 400
}

extension BusinessCalendar {
    /// Checks `draft`: a known IANA zone, lower-case English weekdays, `H:MM` times, ISO dates
    /// with a holiday's end not before its start, and texts within `CalendarBounds`.
    public init(_ draft: CalendarDraft) throws(CalendarProblem) {
        let zoneName = try Self.required(draft.timeZone, "time_zone")
        guard TimeZone(identifier: zoneName) != nil else {
            throw CalendarProblem(key: "time_zone", reason: "names no known time zone")
        }
        let message = try Self.text(draft.workingDayMessage ?? "", "workingDayMessage", CalendarBounds.maxMessageLength, CalendarBounds.maxMessageBytes)
        guard draft.workingDays.count <= CalendarBounds.maxWorkingHours else {
            throw CalendarProblem(key: "days.workingDays", reason: "holds more than \(CalendarBounds.maxWorkingHours) intervals")
        }
        guard draft.holidays.count <= CalendarBounds.maxHolidays else {
            throw CalendarProblem(key: "days.holidays", reason: "holds more than \(CalendarBounds.maxHolidays) holidays")
        }
        var hours: [WorkingHours] = []
        for (index, entry) in draft.workingDays.enumerated() {
            let prefix = "days.workingDays[\(index)]."
            guard let day = Weekday(rawValue: try Self.required(entry.day, prefix + "day")) else {
                throw CalendarProblem(key: prefix + "day", reason: "is not a lower-case English weekday")
            }
            let start = try Self.time(entry.startTime, prefix + "start_time")
            guard start.minutes < 24 * 60 else { throw CalendarProblem(key: prefix + "start_time", reason: "may not be 24:00, the end of the day") }
            hours.append(WorkingHours(day: day, start: start, end: try Self.time(entry.endTime, prefix + "end_time")))
        }
        var holidays: [Holiday] = []
        for (index, entry) in draft.holidays.enumerated() {
            let prefix = "days.holidays[\(index)]."
            let name = try Self.text(try Self.required(entry.name, prefix + "day"), prefix + "day", CalendarBounds.maxNameLength, CalendarBounds.maxNameBytes)
            let start = try Self.date(entry.startDate, prefix + "start_date")
            let end = try Self.date(entry.endDate, prefix + "end_date")
            guard start <= end else { throw CalendarProblem(key: prefix + "end_date", reason: "is before start_date") }
            let text = try Self.text(entry.message ?? "", prefix + "message", CalendarBounds.maxMessageLength, CalendarBounds.maxMessageBytes)
            holidays.append(Holiday(name: name, startDate: start, endDate: end, message: text))
        }
        // The zone was checked above, so this cannot fail.
        self.init(timeZoneName: zoneName, workingDayMessage: message, workingDays: hours, holidays: holidays)!
    }

    private static func required(_ value: String?, _ key: String) throws(CalendarProblem) -> String {
        guard let value else { throw CalendarProblem(key: key, reason: "is missing") }
        return value
    }

    private static func text(_ value: String, _ key: String, _ maxLength: Int, _ maxBytes: Int) throws(CalendarProblem) -> String {
        guard value.count <= maxLength, value.utf8.count <= maxBytes else {
            throw CalendarProblem(key: key, reason: "is longer than \(maxLength) characters or \(maxBytes) bytes")
        }
        return value
    }

    private static func time(_ value: String?, _ key: String) throws(CalendarProblem) -> TimeOfDay {
        guard let time = TimeOfDay(try required(value, key)) else {
            throw CalendarProblem(key: key, reason: "is not a time from 0:00 to 24:00 (H:MM)")
        }
        return time
    }

    private static func date(_ value: String?, _ key: String) throws(CalendarProblem) -> LocalDate {
        guard let date = LocalDate(try required(value, key)) else {
            throw CalendarProblem(key: key, reason: "is not a date (yyyy-MM-dd)")
        }
        return date
    }
}
