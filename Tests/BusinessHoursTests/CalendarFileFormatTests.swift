import ChatCore
import Testing

@testable import BusinessHours

@Suite("Calendar files: reading and writing")
struct CalendarFileFormatTests {
    static let example = """
        [gt]
        time_zone = 'Etc/GMT+6'              # POSIX sign: UTC-6
        workingDayMessage = 'We answer from 8:00 to 17:00.'
        [[gt.days.workingDays]]
        day = "monday"                       # lower-case English day names
        start_time = "8:00"
        end_time = "17:00"
        [[gt.days.workingDays]]
        day = "friday"
        start_time = "22:00"
        end_time = "6:00"
        [[gt.days.holidays]]
        day = "Independence Day"             # the holiday's name
        start_date = "2026-09-15"            # ISO dates, inclusive
        end_date = "2026-09-15"
        message = 'Closed for the \\holiday.'
        """

    @Test func theIssueExampleLoads() throws {
        let calendar = try CalendarFileFormat.read(Self.example, country: "gt")
        #expect(calendar.timeZoneName == "Etc/GMT+6")
        #expect(calendar.workingDayMessage == "We answer from 8:00 to 17:00.")
        #expect(calendar.workingDays.map(\.day) == [.monday, .friday])
        #expect(calendar.workingDays[1].startText == "22:00" && calendar.workingDays[1].spansMidnight)
        #expect(calendar.holidays == [Holiday(
            name: "Independence Day", startDate: LocalDate("2026-09-15")!, endDate: LocalDate("2026-09-15")!,
            message: "Closed for the \\holiday."
        )])
    }

    @Test func writingThenReadingGivesTheSameCalendar() throws {
        var calendar = try CalendarFileFormat.read(Self.example, country: "gt")
        calendar.workingDayMessage = "Quotes \" and 'apostrophes', a backslash \\, a tab\tand a line\nbreak, ñ 🙂"
        let text = CalendarFileFormat.write(calendar, country: "gt")
        #expect(try CalendarFileFormat.read(text, country: "gt") == calendar)
        #expect(text.hasPrefix("[gt]\ntime_zone = \"Etc/GMT+6\"\n"))
    }

    static let malformed: [(String, String, String)] = [
        ("time_zone = 'Etc/GMT+6'", "time_zone = 'Mars/Olympus'", "gt.time_zone"),
        ("day = \"monday\"", "day = \"Monday\"", "gt.days.workingDays[0].day"),
        ("start_time = \"8:00\"", "start_time = \"8:0\"", "gt.days.workingDays[0].start_time"),
        ("end_time = \"17:00\"", "end_time = \"24:01\"", "gt.days.workingDays[0].end_time"),
        ("start_date = \"2026-09-15\"", "start_date = \"2026-02-30\"", "gt.days.holidays[0].start_date"),
        ("end_date = \"2026-09-15\"", "end_date = \"2026-09-14\"", "gt.days.holidays[0].end_date"),
        ("end_time = \"17:00\"", "end_time = \"17:00\"\nendtime = \"18:00\"", "gt.days.workingDays[0].endtime"),
        ("end_time = \"6:00\"", "", "gt.days.workingDays[1].end_time"),
        ("[gt]", "[sv]", "sv"),
        ("end_date = \"2026-09-15\"", "end_date = 2026-09-15", "gt.days.holidays[0].end_date"),
        ("day = \"friday\"", "day = \"friday\"\nday = \"monday\"", "line 10"),
        ("message = 'Closed for the \\holiday.'", "message = \"Closed for the \\holiday.\"", "line 16"),
    ]

    @Test(arguments: malformed)
    func eachMalformedKeyIsNamed(original: String, replacement: String, key: String) {
        let text = Self.example.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.example)
        #expect {
            try CalendarFileFormat.read(text, country: "gt")
        } throws: { error in
            (error as? CalendarFileProblem)?.key == key
        }
    }
}
