import ChatCore
import Hummingbird

/// A business calendar on the native API, keyed as its file is: `time_zone`, `workingDayMessage`,
/// `days.workingDays[]` (`day`, `start_time`, `end_time`), `days.holidays[]` (`day`, `start_date`,
/// `end_date`, `message`). A field error names the key the same way (`days.workingDays[0].start_time`).
struct CalendarBody: Codable {
    struct Days: Codable {
        var workingDays: [Hours]?
        var holidays: [HolidayBody]?
    }

    struct Hours: Codable {
        var day: String?
        var start_time: String?
        var end_time: String?
    }

    struct HolidayBody: Codable {
        var day: String?
        var start_date: String?
        var end_date: String?
        var message: String?
    }

    var time_zone: String?
    var workingDayMessage: String?
    var days: Days?

    init(_ calendar: BusinessCalendar) {
        let draft = CalendarDraft(calendar)
        time_zone = draft.timeZone
        workingDayMessage = draft.workingDayMessage
        days = Days(
            workingDays: draft.workingDays.map { Hours(day: $0.day, start_time: $0.startTime, end_time: $0.endTime) },
            holidays: draft.holidays.map { HolidayBody(day: $0.name, start_date: $0.startDate, end_date: $0.endDate, message: $0.message) }
        )
    }

    var draft: CalendarDraft {
        CalendarDraft(
            timeZone: time_zone, workingDayMessage: workingDayMessage,
            workingDays: (days?.workingDays ?? []).map { .init(day: $0.day, startTime: $0.start_time, endTime: $0.end_time) },
            holidays: (days?.holidays ?? []).map { .init(name: $0.day, startDate: $0.start_date, endDate: $0.end_date, message: $0.message) }
        )
    }
}

/// A calendar with its key and what it says now.
struct CalendarResponse: ResponseCodable {
    let project: String
    let country: String
    let time_zone: String?
    let workingDayMessage: String?
    let days: CalendarBody.Days?
    let dayStatus: DayStatusResponse

    init(key: CalendarKey, calendar: BusinessCalendar, status: DayStatus) {
        let body = CalendarBody(calendar)
        project = key.project
        country = key.country
        time_zone = body.time_zone
        workingDayMessage = body.workingDayMessage
        days = body.days
        dayStatus = DayStatusResponse(status)
    }
}

struct DayStatusResponse: Codable {
    let timeZone: String
    let startDate: String
    let endDate: String
    let startTime: String
    let endTime: String
    let isOpen: Bool
    let dayType: String
    let dayName: String
    let message: String

    init(_ status: DayStatus) {
        timeZone = status.timeZone
        startDate = status.startDate
        endDate = status.endDate
        startTime = status.startTime
        endTime = status.endTime
        isOpen = status.isOpen
        dayType = status.dayType.rawValue
        dayName = status.dayName
        message = status.message
    }
}
