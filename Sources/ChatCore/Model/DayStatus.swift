/// What a calendar says about one instant: whether the team answers, and the day's hours as
/// the file writes them.
public struct DayStatus: Sendable, Equatable {
    /// The calendar's zone as the file writes it.
    public var timeZone: String
    /// The local date the reported interval (or holiday) starts on, `yyyy-MM-dd`.
    public var startDate: String
    /// The local date it ends on, `yyyy-MM-dd`.
    public var endDate: String
    /// The interval's start as written in the file; "" when the day has none.
    public var startTime: String
    /// The interval's end as written in the file; "" when the day has none.
    public var endTime: String
    public var isOpen: Bool
    public var dayType: DayType
    /// The lower-case weekday, or the holiday's name.
    public var dayName: String
    /// The working-day message, or the holiday's own.
    public var message: String

    public init(
        timeZone: String, startDate: String, endDate: String, startTime: String, endTime: String, isOpen: Bool,
        dayType: DayType, dayName: String, message: String
    ) {
        self.timeZone = timeZone
        self.startDate = startDate
        self.endDate = endDate
        self.startTime = startTime
        self.endTime = endTime
        self.isOpen = isOpen
        self.dayType = dayType
        self.dayName = dayName
        self.message = message
    }
}

/// Whether a day is an ordinary working day (open or not) or a holiday.
public enum DayType: String, Sendable {
    case workingDay = "workingday"
    case holiday
}
