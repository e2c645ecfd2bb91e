import Foundation

/// A wall-clock time, `H:MM` or `HH:MM`, from `0:00` to `24:00` (the end of the day).
public struct TimeOfDay: Sendable, Hashable, Comparable {
    /// Minutes since midnight, 0...1440.
    public let minutes: Int
    /// As it was written; `text` writes it back unchanged.
    public let text: String

    /// Nil unless `text` is hours 0-24 (one or two digits), a colon and minutes 00-59; `24` only as `24:00`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isCalendarDigit) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), hours <= 24, minutes < 60,
              hours < 24 || minutes == 0
        else { return nil }
        self.minutes = hours * 60 + minutes
        self.text = text
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
    public static func == (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes == rhs.minutes }
    public func hash(into hasher: inout Hasher) { hasher.combine(minutes) }
}

/// A date on a local calendar, without a time or a zone; written `yyyy-MM-dd`.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless `text` is `yyyy-MM-dd` and names a real day.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isCalendarDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Nil for a day that does not exist (month 13, February 30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The ISO form, `yyyy-MM-dd`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The day before, or after for a positive `offset`.
    public func adding(days offset: Int) -> LocalDate {
        var (year, month, day) = (year, month, day + offset)
        while day < 1 {
            month -= 1
            if month < 1 { (year, month) = (year - 1, 12) }
            day += Self.days(inMonth: month, of: year)
        }
        while day > Self.days(inMonth: month, of: year) {
            day -= Self.days(inMonth: month, of: year)
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return LocalDate(uncheckedYear: year, month: month, day: day)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Which calendar: a project (a folder of calendar files) and a country (a file in it).
public struct CalendarKey: Sendable, Hashable, Comparable, LosslessStringConvertible {
    /// A folder name: 1-64 ASCII letters, digits, `_` or `-`.
    public let project: String
    /// Two ASCII letters, lower-case.
    public let country: String

    /// Nil unless `project` is a folder name and `country` two ASCII letters (either case).
    public init?(project: String, country: String) {
        guard (1...64).contains(project.utf8.count),
              project.utf8.allSatisfy({ $0.isASCIILetterOrDigit || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }),
              country.utf8.count == 2, country.utf8.allSatisfy(\.isASCIILetter)
        else { return nil }
        self.project = project
        self.country = country.lowercased()
    }

    /// Parses `PROJECT/CC`.
    public init?(_ description: String) {
        let parts = description.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        self.init(project: String(parts[0]), country: String(parts[1]))
    }

    /// `project/cc`, as departments store it.
    public var description: String { "\(project)/\(country)" }

    public static func < (lhs: CalendarKey, rhs: CalendarKey) -> Bool {
        (lhs.project, lhs.country) < (rhs.project, rhs.country)
    }
}

extension UInt8 {
    var isASCIILetter: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }

    var isASCIILetterOrDigit: Bool { isASCIILetter || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
}

extension Character {
    fileprivate var isCalendarDigit: Bool { ("0"..."9").contains(self) }
}
