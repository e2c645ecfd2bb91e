import ChatCore
import TOMLKit

/// The mediator's calendar file layout: a table named after the lower-case country code with
/// `time_zone`, `workingDayMessage`, `[[cc.days.workingDays]]` (`day`, `start_time`, `end_time`)
/// and `[[cc.days.holidays]]` (`day`, `start_date`, `end_date`, `message`). Unknown keys are
/// refused so that a misspelt key is not silently ignored.
enum CalendarFileFormat {
    /// Reads a file's text into a checked calendar. Problems name the key with its country
    /// table (`gt.days.workingDays[0].start_time`), or the line for a syntax error.
    static func read(_ text: String, country: String) throws(CalendarFileProblem) -> BusinessCalendar {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CalendarFileProblem(key: "line \(error.source.begin.line)", reason: error.description)
        } catch {
            throw CalendarFileProblem(key: "file", reason: "is not TOML")
        }
        let draft = try draft(from: root, country: country)
        do {
            return try BusinessCalendar(draft)
        } catch {
            throw CalendarFileProblem(key: "\(country).\(error.key)", reason: error.reason)
        }
    }

    private static func draft(from root: TOMLTable, country: String) throws(CalendarFileProblem) -> CalendarDraft {
        try allow(root, [country: .table], at: "")
        guard let table = root[country]?.table else {
            throw CalendarFileProblem(key: country, reason: "is missing: the file's table is named after its country code")
        }
        try allow(table, ["time_zone": .string, "workingDayMessage": .string, "days": .table], at: country + ".")
        let days = table["days"]?.table ?? TOMLTable()
        try allow(days, ["workingDays": .array, "holidays": .array], at: country + ".days.")
        var hours: [CalendarDraft.Hours] = []
        for (index, entry) in try entries(days, "workingDays", at: country + ".days.").enumerated() {
            try allow(entry, ["day": .string, "start_time": .string, "end_time": .string], at: "\(country).days.workingDays[\(index)].")
            hours.append(.init(day: entry["day"]?.string, startTime: entry["start_time"]?.string, endTime: entry["end_time"]?.string))
        }
        var holidays: [CalendarDraft.HolidayDraft] = []
        for (index, entry) in try entries(days, "holidays", at: country + ".days.").enumerated() {
            let keys: [String: TOMLType] = ["day": .string, "start_date": .string, "end_date": .string, "message": .string]
            try allow(entry, keys, at: "\(country).days.holidays[\(index)].")
            holidays.append(.init(
                name: entry["day"]?.string, startDate: entry["start_date"]?.string, endDate: entry["end_date"]?.string,
                message: entry["message"]?.string
            ))
        }
        return CalendarDraft(
            timeZone: table["time_zone"]?.string, workingDayMessage: table["workingDayMessage"]?.string, workingDays: hours, holidays: holidays
        )
    }

    /// Refuses a key the layout does not have, or one of another kind (a date where the layout
    /// has a quoted string, a single table where it has an array of tables).
    private static func allow(_ table: TOMLTable, _ kinds: [String: TOMLType], at prefix: String) throws(CalendarFileProblem) {
        for key in table.keys.sorted() {
            guard let kind = kinds[key] else {
                throw CalendarFileProblem(key: prefix + key, reason: "is not a key of a calendar file")
            }
            guard table[key]?.type == kind else {
                throw CalendarFileProblem(key: prefix + key, reason: kind == .string ? "must be a quoted string" : "must be a \(kind)")
            }
        }
    }

    /// The tables of an array of tables (`[[cc.days.workingDays]]`).
    private static func entries(_ table: TOMLTable, _ key: String, at prefix: String) throws(CalendarFileProblem) -> [TOMLTable] {
        var tables: [TOMLTable] = []
        for (index, element) in (table[key]?.array ?? TOMLArray()).enumerated() {
            guard let entry = element.table else {
                throw CalendarFileProblem(key: "\(prefix)\(key)[\(index)]", reason: "must be a table")
            }
            tables.append(entry)
        }
        return tables
    }

    /// Writes `calendar` in the same layout, every string as a basic string.
    static func write(_ calendar: BusinessCalendar, country: String) -> String {
        let draft = CalendarDraft(calendar)
        var lines = [
            "[\(country)]",
            "time_zone = \(TOMLString.write(draft.timeZone ?? ""))",
            "workingDayMessage = \(TOMLString.write(draft.workingDayMessage ?? ""))",
        ]
        for hours in draft.workingDays {
            lines += [
                "", "[[\(country).days.workingDays]]", "day = \(TOMLString.write(hours.day ?? ""))",
                "start_time = \(TOMLString.write(hours.startTime ?? ""))", "end_time = \(TOMLString.write(hours.endTime ?? ""))",
            ]
        }
        for holiday in draft.holidays {
            lines += [
                "", "[[\(country).days.holidays]]", "day = \(TOMLString.write(holiday.name ?? ""))",
                "start_date = \(TOMLString.write(holiday.startDate ?? ""))", "end_date = \(TOMLString.write(holiday.endDate ?? ""))",
                "message = \(TOMLString.write(holiday.message ?? ""))",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Why a calendar file was not loaded: the key (or line) at fault and what is wrong.
public struct CalendarFileProblem: Error, Equatable, CustomStringConvertible {
    public let key: String
    public let reason: String

    public var description: String { "\(key) \(reason)" }
}
