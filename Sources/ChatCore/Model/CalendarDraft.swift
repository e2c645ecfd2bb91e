/// A business calendar as text, the way a file or a request writes it, before it is checked.
/// A missing key is nil. `BusinessCalendar(draft)` checks it and names the first bad key as the
/// file spells it (`time_zone`, `days.workingDays[0].start_time`).
public struct CalendarDraft: Sendable, Equatable {
    public var timeZone: String?
    public var workingDayMessage: String?
    public var workingDays: [Hours]
    public var holidays: [HolidayDraft]

    public struct Hours: Sendable, Equatable {
        public var day: String?
        public var startTime: String?
        public var endTime: String?

        public init(day: String?, startTime: String?, endTime: String?) {
            self.day = day
            self.startTime = startTime
            self.endTime = endTime
        }
    }

    public struct HolidayDraft: Sendable, Equatable {
        /// The holiday's name (the file's `day`).
        public var name: String?
        public var startDate: String?
        public var endDate: String?
        public var message: String?

        public init(name: String?, startDate: String?, endDate: String?, message: String?) {
            self.name = name
            self.startDate = startDate
            self.endDate = endDate
            self.message = message
        }
    }

    public init(timeZone: String?, workingDayMessage: String?, workingDays: [Hours], holidays: [HolidayDraft]) {
        self.timeZone = timeZone
        self.workingDayMessage = workingDayMessage
        self.workingDays = workingDays
        self.holidays = holidays
    }

    /// The draft that writes `calendar` back as it was read.
    public init(_ calendar: BusinessCalendar) {
        self.init(
            timeZone: calendar.timeZoneName, workingDayMessage: calendar.workingDayMessage,
            workingDays: calendar.workingDays.map { Hours(day: $0.day.rawValue, startTime: $0.startText, endTime: $0.endText) },
            holidays: calendar.holidays.map {
                HolidayDraft(name: $0.name, startDate: $0.startDate.description, endDate: $0.endDate.description, message: $0.message)
            }
        )
    }
}

/// Why a calendar draft was refused: the key as the file spells it, and what is wrong with it.
public struct CalendarProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var reason: String

    public init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String { "'\(key)' \(reason)" }
}
