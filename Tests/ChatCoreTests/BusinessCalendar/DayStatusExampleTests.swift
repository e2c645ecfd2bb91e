import ChatCore
import Foundation
import Testing

@Suite("Day status: examples")
struct DayStatusExampleTests {
    typealias F = CalendarFixtures

    /// The example: Guatemala, Mondays 8:00-17:00, Independence Day on a Tuesday.
    static let guatemala = F.calendar(
        "Etc/GMT+6", hours: [("monday", "8:00", "17:00")],
        holidays: [("Independence Day", "2026-09-15", "2026-09-15", "Closed for the holiday.")]
    )

    @Test func etcGMTPlusSixIsSixHoursBehindUTC() {
        let opening = Self.guatemala.dayStatus(at: F.instant("2026-09-14T14:00:00Z"))
        #expect(opening == DayStatus(
            timeZone: "Etc/GMT+6", startDate: "2026-09-14", endDate: "2026-09-14", startTime: "8:00", endTime: "17:00",
            isOpen: true, dayType: .workingDay, dayName: "monday", message: "We answer from 8:00 to 17:00."
        ))
        #expect(!Self.guatemala.isOpen(at: F.instant("2026-09-14T13:59:00Z")))
        #expect(Self.guatemala.isOpen(at: F.instant("2026-09-14T22:59:00Z")))
        #expect(!Self.guatemala.isOpen(at: F.instant("2026-09-14T23:00:00Z")))
    }

    @Test func aHolidayClosesTheDayAndReportsItself() {
        let status = Self.guatemala.dayStatus(at: F.instant("2026-09-15T16:00:00Z"))
        #expect(status == DayStatus(
            timeZone: "Etc/GMT+6", startDate: "2026-09-15", endDate: "2026-09-15", startTime: "", endTime: "",
            isOpen: false, dayType: .holiday, dayName: "Independence Day", message: "Closed for the holiday."
        ))
        #expect(Self.guatemala.closedMessage(at: F.instant("2026-09-15T16:00:00Z")) == "Closed for the holiday.")
    }

    @Test func aHolidayOverridesItsWeekday() {
        let calendar = F.calendar(
            "UTC", hours: [("monday", "0:00", "24:00")], holidays: [("Labour Day", "2026-05-04", "2026-05-04", "Closed.")]
        )
        #expect(!calendar.isOpen(at: F.instant("2026-05-04T12:00:00Z")))
        #expect(calendar.isOpen(at: F.instant("2026-05-11T12:00:00Z")))
    }

    @Test func aWeekdayNotListedIsClosedWithNoTimes() {
        let status = Self.guatemala.dayStatus(at: F.instant("2026-09-13T16:00:00Z"))
        #expect(status == DayStatus(
            timeZone: "Etc/GMT+6", startDate: "2026-09-13", endDate: "2026-09-13", startTime: "", endTime: "",
            isOpen: false, dayType: .workingDay, dayName: "sunday", message: "We answer from 8:00 to 17:00."
        ))
    }

    @Test func splitShiftsReportTheCoveringThenTheNextThenTheLastInterval() {
        let calendar = F.calendar("UTC", hours: [("friday", "14:00", "18:00"), ("friday", "9:00", "12:00")])
        let morning = calendar.dayStatus(at: F.instant("2026-11-27T10:00:00Z"))
        #expect(morning.isOpen && morning.startTime == "9:00" && morning.endTime == "12:00")
        let lunch = calendar.dayStatus(at: F.instant("2026-11-27T13:00:00Z"))
        #expect(!lunch.isOpen && lunch.startTime == "14:00" && lunch.endTime == "18:00")
        let evening = calendar.dayStatus(at: F.instant("2026-11-27T19:00:00Z"))
        #expect(!evening.isOpen && evening.startTime == "14:00" && evening.endTime == "18:00")
        let early = calendar.dayStatus(at: F.instant("2026-11-27T08:00:00Z"))
        #expect(!early.isOpen && early.startTime == "9:00")
    }

    @Test func twentyFourHundredIsTheEndOfTheDay() {
        let calendar = F.calendar("UTC", hours: [("friday", "20:00", "24:00")])
        let late = calendar.dayStatus(at: F.instant("2026-11-27T23:59:00Z"))
        #expect(late.isOpen && late.endTime == "24:00" && late.endDate == "2026-11-27")
        #expect(!calendar.isOpen(at: F.instant("2026-11-28T00:00:00Z")))
    }

    @Test func aSpanPastMidnightBelongsToTheDayItStartsOn() {
        let calendar = F.calendar("UTC", hours: [("friday", "22:00", "6:00")])
        let friday = calendar.dayStatus(at: F.instant("2026-11-27T23:00:00Z"))
        #expect(friday.isOpen && friday.startDate == "2026-11-27" && friday.endDate == "2026-11-28" && friday.dayName == "friday")
        let saturday = calendar.dayStatus(at: F.instant("2026-11-28T05:59:00Z"))
        #expect(saturday == DayStatus(
            timeZone: "UTC", startDate: "2026-11-27", endDate: "2026-11-28", startTime: "22:00", endTime: "6:00",
            isOpen: true, dayType: .workingDay, dayName: "saturday", message: "We answer from 8:00 to 17:00."
        ))
        #expect(!calendar.isOpen(at: F.instant("2026-11-28T06:00:00Z")))
        #expect(!calendar.isOpen(at: F.instant("2026-11-27T21:59:00Z")))
    }

    @Test func aSpanFromAHolidayDoesNotOpenTheNextMorning() {
        let calendar = F.calendar(
            "UTC", hours: [("friday", "22:00", "6:00"), ("saturday", "22:00", "6:00")],
            holidays: [("Day off", "2026-11-27", "2026-11-27", "Closed.")]
        )
        #expect(!calendar.isOpen(at: F.instant("2026-11-28T01:00:00Z")))
        #expect(calendar.isOpen(at: F.instant("2026-11-29T01:00:00Z")))
    }

    @Test func springForwardSkipsTheMissingHourAndFallBackRepeatsIt() {
        // New York: 2026-03-08 02:00 EST jumps to 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT falls back to 01:00 EST (06:00Z).
        let missing = F.calendar("America/New_York", hours: [("sunday", "2:00", "3:00")])
        let spring = F.instant("2026-03-08T00:00:00Z")
        let openMinutes = (0..<(24 * 60)).filter { missing.isOpen(at: spring.addingTimeInterval(Double($0) * 60)) }
        #expect(openMinutes.isEmpty, "02:00-03:00 does not exist on the spring-forward day")
        let repeated = F.calendar("America/New_York", hours: [("sunday", "1:00", "2:00")])
        let fall = F.instant("2026-11-01T04:00:00Z")
        let fallOpen = (0..<(24 * 60)).filter { repeated.isOpen(at: fall.addingTimeInterval(Double($0) * 60)) }
        #expect(fallOpen.count == 120, "01:00-02:00 happens twice on the fall-back day")
    }
}
