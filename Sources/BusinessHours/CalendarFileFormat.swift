import ChatCore

/// The mediator's calendar file layout: a table named after the lower-case country code with
/// `time_zone`, `workingDayMessage`, `[[cc.days.workingDays]]` (`day`, `start_time`, `end_time`)
/// and `[[cc.days.holidays]]` (`day`, `start_date`, `end_date`, `message`). Unknown keys are
/// refused so that a misspelt key is not silently ignored.
enum CalendarFileFormat {
    /// Reads a file's text into a checked calendar. Problems name the key with its country
    /// table (`gt.days.workingDays[0].start_time`), or the line for a syntax error.
    static func read(_ text: String, country: String) throws(CalendarFileProblem) -> BusinessCalendar {
        let root: TOMLSubset.Table
        do {
            root = try TOMLSubset.parse(text)
        } catch {
            throw CalendarFileProblem(key: "line \(error.line)", reason: error.reason)
        }
        let draft = try draft(from: root, country: country)
        do {
            return try BusinessCalendar(draft)
        } catch {
            throw CalendarFileProblem(key: "\(country).\(error.key)", reason: error.reason)
        }
    }

    private static func draft(from root: TOMLSubset.Table, country: String) throws(CalendarFileProblem) -> CalendarDraft {
        try allow(root, strings: [], tables: [country], arrays: [], at: "")
        guard let table = root.tables[country] else {
            throw CalendarFileProblem(key: country, reason: "is missing: the file's table is named after its country code")
        }
        try allow(table, strings: ["time_zone", "workingDayMessage"], tables: ["days"], arrays: [], at: country + ".")
        let days = table.tables["days"] ?? TOMLSubset.Table()
        try allow(days, strings: [], tables: [], arrays: ["workingDays", "holidays"], at: country + ".days.")
        var hours: [CalendarDraft.Hours] = []
        for (index, entry) in (days.arrays["workingDays"] ?? []).enumerated() {
            try allow(entry, strings: ["day", "start_time", "end_time"], tables: [], arrays: [], at: "\(country).days.workingDays[\(index)].")
            hours.append(.init(day: entry.strings["day"], startTime: entry.strings["start_time"], endTime: entry.strings["end_time"]))
        }
        var holidays: [CalendarDraft.HolidayDraft] = []
        for (index, entry) in (days.arrays["holidays"] ?? []).enumerated() {
            try allow(entry, strings: ["day", "start_date", "end_date", "message"], tables: [], arrays: [], at: "\(country).days.holidays[\(index)].")
            holidays.append(.init(
                name: entry.strings["day"], startDate: entry.strings["start_date"], endDate: entry.strings["end_date"], message: entry.strings["message"]
            ))
        }
        return CalendarDraft(timeZone: table.strings["time_zone"], workingDayMessage: table.strings["workingDayMessage"], workingDays: hours, holidays: holidays)
    }

    private static func allow(_ table: TOMLSubset.Table, strings: Set<String>, tables: Set<String>, arrays: Set<String>, at prefix: String) throws(CalendarFileProblem) {
        let unknown = Set(table.strings.keys).subtracting(strings).union(Set(table.tables.keys).subtracting(tables))
            .union(Set(table.arrays.keys).subtracting(arrays))
        if let key = unknown.sorted().first {
            throw CalendarFileProblem(key: prefix + key, reason: "is not a key of a calendar file, or not of this kind")
        }
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
