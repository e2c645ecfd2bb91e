/// Where business calendars live (files an operator edits, in production). Reads come from an
/// in-memory snapshot and never wait on a disk.
public protocol BusinessCalendars: Sendable {
    /// The calendar, or nil when none is stored under `key`.
    func calendar(_ key: CalendarKey) -> BusinessCalendar?
    /// Every calendar stored now.
    func calendars() -> [CalendarKey: BusinessCalendar]
    /// Stores `calendar` under `key` (creating or replacing it) before returning; later reads see it.
    /// Returns true when it created the calendar.
    @discardableResult
    func replace(_ key: CalendarKey, with calendar: BusinessCalendar) async throws -> Bool
}
