import Foundation

/// When a project's team in one country answers: its weekly hours, its holidays, and what
/// visitors read when it is closed. Times are the zone's local wall-clock times.
public struct BusinessCalendar: Sendable, Equatable {
    /// The zone's name as the file writes it (e.g. `Etc/GMT+6`).
    public var timeZoneName: String
    public var timeZone: TimeZone
    /// Shown on every working day, open or closed.
    public var workingDayMessage: String
    /// Opening intervals; several per weekday make split shifts. A weekday not listed is closed.
    public var workingDays: [WorkingHours]
    public var holidays: [Holiday]

    /// Nil when `timeZoneName` names no IANA zone.
    public init?(timeZoneName: String, workingDayMessage: String, workingDays: [WorkingHours], holidays: [Holiday]) {
        guard let zone = TimeZone(identifier: timeZoneName) else { return nil }
        self.timeZoneName = timeZoneName
        self.timeZone = zone
        self.workingDayMessage = workingDayMessage
        self.workingDays = workingDays
        self.holidays = holidays
    }
}

/// One opening interval of a weekday. An interval whose end is not after its start spans
/// midnight: it opens on `day` and closes at `end` the next day.
public struct WorkingHours: Sendable, Equatable {
    public var day: Weekday
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(day: Weekday, start: TimeOfDay, end: TimeOfDay) {
        self.day = day
        self.start = start
        self.end = end
    }

    /// The start as the file writes it (`8:00`).
    public var startText: String { start.text }
    /// The end as the file writes it (`17:00`, `24:00`).
    public var endText: String { end.text }
    /// True when the interval closes on the next day.
    public var spansMidnight: Bool { end <= start }
}

/// A closed period: every local date from `startDate` to `endDate`, both included.
public struct Holiday: Sendable, Equatable {
    public var name: String
    public var startDate: LocalDate
    public var endDate: LocalDate
    public var message: String

    public init(name: String, startDate: LocalDate, endDate: LocalDate, message: String) {
        self.name = name
        self.startDate = startDate
        self.endDate = endDate
        self.message = message
    }

    public func covers(_ date: LocalDate) -> Bool { startDate <= date && date <= endDate }
}

/// A day of the week, spelled as calendar files spell it.
public enum Weekday: String, Sendable, CaseIterable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Foundation's weekday number (1 is Sunday).
    init(gregorian number: Int) {
        self = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday][(number - 1 + 7) % 7]
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
