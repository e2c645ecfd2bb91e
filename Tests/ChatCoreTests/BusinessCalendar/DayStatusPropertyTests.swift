import ChatCore
import Foundation
import Testing

/// Properties of the day-status rule over a few thousand seeded cases each, checked against a
/// reference clock that works from the zone's UTC offset alone.
@Suite("Day status: properties")
struct DayStatusPropertyTests {
    typealias F = CalendarFixtures

    /// Spring and fall instants of 2026: New York, Berlin, and Sydney (whose seasons are reversed).
    static let transitions: [(zone: String, instants: [String])] = [
        ("America/New_York", ["2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z"]),
        ("Europe/Berlin", ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"]),
        ("Australia/Sydney", ["2026-04-04T16:00:00Z", "2026-10-03T16:00:00Z"]),
    ]

    static func randomCalendar(_ zone: String, using random: inout SeededGenerator) -> BusinessCalendar {
        let hours = (0..<Int.random(in: 0...10, using: &random)).map { _ in
            (Weekday.allCases.randomElement(using: &random)!.rawValue,
             F.text(Int.random(in: 0..<1440, using: &random)), F.text(Int.random(in: 0...1440, using: &random)))
        }
        return F.calendar(zone, hours: hours)
    }

    @Test(arguments: transitions)
    func aroundDSTChangesTheRuleReadsTheLocalWallClock(zone: String, instants: [String]) {
        var random = SeededGenerator(seed: 0xD57)
        for instant in instants.map(F.instant) {
            for _ in 0..<60 {
                let calendar = Self.randomCalendar(zone, using: &random)
                for _ in 0..<40 {
                    let date = instant.addingTimeInterval(Double(Int.random(in: -172_800...172_800, using: &random)))
                    let expected = ReferenceClock.isOpen(calendar, at: date)
                    #expect(calendar.isOpen(at: date) == expected, "\(zone) at \(date)")
                    let status = calendar.dayStatus(at: date)
                    let reading = ReferenceClock.read(date, in: calendar.timeZone)
                    #expect(status.dayName == reading.weekday.rawValue)
                }
            }
        }
    }

    @Test func everyEtcGMTSignIsPOSIX() {
        var random = SeededGenerator(seed: 0x6E7)
        for offset in -14...12 {
            let name = offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT+\(offset)" : "Etc/GMT\(offset)"
            for _ in 0..<150 {
                let date = Date(timeIntervalSince1970: Double(Int.random(in: 1_700_000_000...1_900_000_000, using: &random) / 60 * 60))
                // Etc/GMT+N is N hours behind UTC.
                let localSeconds = Int(date.timeIntervalSince1970) - offset * 3600
                let days = Int((Double(localSeconds) / 86_400).rounded(.down))
                let minute = (localSeconds - days * 86_400) / 60
                let weekday = ReferenceClock.weekday(days).rawValue
                let open = F.calendar(name, hours: [(weekday, F.text(minute), F.text(minute + 1))])
                #expect(open.isOpen(at: date), "\(name) at \(date)")
                #expect(open.dayStatus(at: date).startDate == ReferenceClock.date(days).description)
                let missed = F.calendar(name, hours: [(weekday, F.text((minute + 1) % 1440), F.text((minute + 2) % 1440))])
                #expect(!missed.isOpen(at: date) || minute == 1439, "\(name) at \(date)")
            }
        }
    }

    @Test func aSpanPastMidnightIsOpenFromItsStartUntilItsEndNextDay() {
        var random = SeededGenerator(seed: 0x3A1D)
        let zones = ["UTC", "Etc/GMT+6", "America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kathmandu"]
        for _ in 0..<3000 {
            let zone = zones.randomElement(using: &random)!
            let start = Int.random(in: 1..<1440, using: &random)
            let end = Int.random(in: 0...start, using: &random)
            let day = Weekday.allCases.randomElement(using: &random)!
            let calendar = F.calendar(zone, hours: [(day.rawValue, F.text(start), F.text(end))])
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 1_700_000_000...1_900_000_000, using: &random)))
            let now = ReferenceClock.read(date, in: calendar.timeZone)
            let expected = (now.weekday == day && now.minute >= start)
                || (ReferenceClock.weekday(now.days - 1) == day && now.minute < end)
            let status = calendar.dayStatus(at: date)
            #expect(status.isOpen == expected, "\(zone) \(day) \(start)-\(end) at \(date)")
            if status.isOpen, now.weekday != day {
                #expect(status.startDate == ReferenceClock.date(now.days - 1).description && status.endDate == now.date.description)
            }
        }
    }

    @Test func everyInstantOfAHolidayRangeIsClosedAndTheDayAfterReadsItsWeekday() {
        var random = SeededGenerator(seed: 0x401)
        let zones = ["UTC", "Etc/GMT-14", "Etc/GMT+12", "America/New_York", "Europe/Berlin", "Australia/Sydney"]
        for _ in 0..<3000 {
            let zone = zones.randomElement(using: &random)!
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 1_700_000_000...1_900_000_000, using: &random)))
            let now = ReferenceClock.read(date, in: TimeZone(identifier: zone)!)
            let first = now.days - Int.random(in: 0...15, using: &random)
            let last = now.days + Int.random(in: 0...15, using: &random)
            let (from, to) = (ReferenceClock.date(first).description, ReferenceClock.date(last).description)
            let allWeek = Weekday.allCases.map { ($0.rawValue, "0:00", "24:00") }
            let calendar = F.calendar(zone, hours: allWeek, holidays: [("Carnival", from, to, "Back soon.")])
            let status = calendar.dayStatus(at: date)
            #expect(status == DayStatus(
                timeZone: zone, startDate: from, endDate: to, startTime: "", endTime: "", isOpen: false,
                dayType: .holiday, dayName: "Carnival", message: "Back soon."
            ))
            // Noon of the day after the range, found on the reference clock.
            var after = date.addingTimeInterval(Double(last - now.days + 1) * 86_400)
            after = after.addingTimeInterval(Double(12 * 60 - ReferenceClock.read(after, in: calendar.timeZone).minute) * 60)
            let next = ReferenceClock.read(after, in: calendar.timeZone)
            guard next.days == last + 1 else { continue }
            let nextStatus = calendar.dayStatus(at: after)
            #expect(nextStatus.dayType == .workingDay && nextStatus.dayName == next.weekday.rawValue && nextStatus.isOpen)
        }
    }
}
