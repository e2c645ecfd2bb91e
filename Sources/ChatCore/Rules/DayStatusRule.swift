import Foundation

extension BusinessCalendar {
    /// The day's status at `date`, read on the zone's local wall clock. A holiday covering the
    /// local date closes the whole day. Otherwise the day reports the interval that covers now
    /// (one opened yesterday and spanning midnight included), else today's next one, else
    /// today's last one; a weekday with no interval is closed and reports no times.
    public func dayStatus(at date: Date) -> DayStatus {
        let clock = LocalClock(date, in: timeZone)
        if let holiday = holiday(on: clock.date) {
            return DayStatus(
                timeZone: timeZoneName, startDate: holiday.startDate.description, endDate: holiday.endDate.description,
                startTime: "", endTime: "", isOpen: false, dayType: .holiday, dayName: holiday.name, message: holiday.message
            )
        }
        let yesterday = clock.date.adding(days: -1)
        if holiday(on: yesterday) == nil,
           let overnight = intervals(on: clock.weekday.previous).first(where: { $0.spansMidnight && clock.minute < $0.end.minutes }) {
            return status(overnight, from: yesterday, to: clock.date, isOpen: true, weekday: clock.weekday)
        }
        let today = intervals(on: clock.weekday)
        let open = today.first { $0.start.minutes <= clock.minute && ($0.spansMidnight || clock.minute < $0.end.minutes) }
        guard let shown = open ?? today.first(where: { $0.start.minutes > clock.minute }) ?? today.last else {
            return DayStatus(
                timeZone: timeZoneName, startDate: clock.date.description, endDate: clock.date.description,
                startTime: "", endTime: "", isOpen: false, dayType: .workingDay, dayName: clock.weekday.rawValue, message: workingDayMessage
            )
        }
        let end = shown.spansMidnight ? clock.date.adding(days: 1) : clock.date
        return status(shown, from: clock.date, to: end, isOpen: open != nil, weekday: clock.weekday)
    }

    /// True when the team answers at `date`.
    public func isOpen(at date: Date) -> Bool {
        dayStatus(at: date).isOpen
    }

    /// What visitors read at `date` when the calendar is closed: the holiday's message, or the working-day message.
    public func closedMessage(at date: Date) -> String {
        dayStatus(at: date).message
    }

    private func holiday(on date: LocalDate) -> Holiday? {
        holidays.first { $0.covers(date) }
    }

    /// The weekday's intervals by start time.
    private func intervals(on day: Weekday) -> [WorkingHours] {
        workingDays.filter { $0.day == day }.sorted { $0.start < $1.start }
    }

    private func status(_ hours: WorkingHours, from start: LocalDate, to end: LocalDate, isOpen: Bool, weekday: Weekday) -> DayStatus {
        DayStatus(
            timeZone: timeZoneName, startDate: start.description, endDate: end.description, startTime: hours.startText,
            endTime: hours.endText, isOpen: isOpen, dayType: .workingDay, dayName: weekday.rawValue, message: workingDayMessage
        )
    }
}

/// An instant as read on a zone's wall clock: the local date, its weekday and the minute of the day.
struct LocalClock {
    let date: LocalDate
    let weekday: Weekday
    /// Minutes since local midnight, 0..<1440.
    let minute: Int

    init(_ instant: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
        // Foundation hands out valid Gregorian components for any instant and zone.
        date = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        weekday = Weekday(gregorian: parts.weekday!)
        minute = parts.hour! * 60 + parts.minute!
    }
}

extension Weekday {
    /// The day before.
    var previous: Weekday {
        let all = Weekday.allCases
        return all[(all.firstIndex(of: self)! + all.count - 1) % all.count]
    }
}
