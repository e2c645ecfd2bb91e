import ChatCore
import Foundation

enum CalendarFixtures {
    /// A checked calendar from the file's texts; crashes the test on a bad fixture.
    static func calendar(
        _ zone: String, message: String = "We answer from 8:00 to 17:00.", hours: [(String, String, String)],
        holidays: [(String, String, String, String)] = []
    ) -> BusinessCalendar {
        let draft = CalendarDraft(
            timeZone: zone, workingDayMessage: message,
            workingDays: hours.map { .init(day: $0.0, startTime: $0.1, endTime: $0.2) },
            holidays: holidays.map { .init(name: $0.0, startDate: $0.1, endDate: $0.2, message: $0.3) }
        )
        return try! BusinessCalendar(draft)
    }

    static func instant(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }

    static func text(_ minutes: Int) -> String {
        "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
    }
}

/// The zone's wall clock worked out from its UTC offset alone, without Foundation's calendars:
/// the reference the rule is checked against.
enum ReferenceClock {
    struct Reading {
        let days: Int
        let date: LocalDate
        let weekday: Weekday
        let minute: Int
    }

    static func read(_ instant: Date, in zone: TimeZone) -> Reading {
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let days = Int((Double(local) / 86_400).rounded(.down))
        return Reading(days: days, date: date(days), weekday: weekday(days), minute: (local - days * 86_400) / 60)
    }

    /// 1970-01-01 was a Thursday.
    static func weekday(_ days: Int) -> Weekday {
        Weekday.allCases[((days + 3) % 7 + 7) % 7]
    }

    /// Howard Hinnant's days-to-civil.
    static func date(_ days: Int) -> LocalDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return LocalDate(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)!
    }

    /// Whether the calendar is open at `instant`, by the rules stated plainly.
    static func isOpen(_ calendar: BusinessCalendar, at instant: Date) -> Bool {
        let now = read(instant, in: calendar.timeZone)
        let isHoliday = { (date: LocalDate) in calendar.holidays.contains { $0.startDate <= date && date <= $0.endDate } }
        if isHoliday(now.date) { return false }
        let yesterday = weekday(now.days - 1)
        if !isHoliday(date(now.days - 1)),
           calendar.workingDays.contains(where: { $0.day == yesterday && $0.end <= $0.start && now.minute < $0.end.minutes }) {
            return true
        }
        return calendar.workingDays.contains {
            $0.day == now.weekday && $0.start.minutes <= now.minute && ($0.end <= $0.start || now.minute < $0.end.minutes)
        }
    }
}
