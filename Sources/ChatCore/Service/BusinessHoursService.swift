import Foundation

/// Whether a department answers now, and the business calendars behind it. A department
/// linked to a calendar that is not stored (its file was deleted) counts as open, and the
/// gap is reported: a missing file should not silently turn every visitor away.
public struct BusinessHoursService: Sendable {
    private let calendars: any BusinessCalendars
    private let failures: any FailureReporter
    private let now: @Sendable () -> Date

    public init(calendars: any BusinessCalendars, failures: any FailureReporter, now: @escaping @Sendable () -> Date = Date.init) {
        self.calendars = calendars
        self.failures = failures
        self.now = now
    }

    /// Nil when the department answers now; else the message visitors read.
    public func closedMessage(of department: Department) -> String? {
        guard let key = department.calendar else { return nil }
        guard let calendar = calendars.calendar(key) else {
            failures.report(ChatError.calendarNotFound(key), during: "reading a department's hours", details: [
                "department_id": String(department.id.rawValue), "calendar": key.description,
            ])
            return nil
        }
        let status = calendar.dayStatus(at: now())
        return status.isOpen ? nil : status.message
    }

    /// What a calendar says now, for anyone: a project's public day status.
    public func dayStatus(_ key: CalendarKey) throws -> DayStatus {
        guard let calendar = calendars.calendar(key) else { throw ChatError.calendarNotFound(key) }
        return calendar.dayStatus(at: now())
    }

    /// Throws `departmentClosed` when the department's calendar says it is closed now.
    public func requireOpen(_ department: Department) throws {
        if let message = closedMessage(of: department) { throw ChatError.departmentClosed(message: message) }
    }

    /// Throws `invalidField(.calendar)` unless a calendar is stored under `key`.
    public func requireExists(_ key: CalendarKey) throws {
        guard calendars.calendar(key) != nil else {
            throw ChatError.invalidField(field: .calendar, reason: "names no stored business calendar (\(key))")
        }
    }

    /// Every calendar by key, and what each says now. Agents may read them; visitors may not.
    public func calendars(by caller: Caller) throws -> [(key: CalendarKey, calendar: BusinessCalendar, status: DayStatus)] {
        try caller.requireAgent()
        let date = now()
        return calendars.calendars().sorted { $0.key < $1.key }.map { ($0.key, $0.value, $0.value.dayStatus(at: date)) }
    }

    /// One calendar and what it says now. Agents may read it.
    public func calendar(_ key: CalendarKey, by caller: Caller) throws -> (calendar: BusinessCalendar, status: DayStatus) {
        try caller.requireAgent()
        guard let calendar = calendars.calendar(key) else { throw ChatError.calendarNotFound(key) }
        return (calendar, calendar.dayStatus(at: now()))
    }

    /// Checks `draft` and stores it under `key` (admins only). Returns the calendar and whether it was created.
    public func replace(_ key: CalendarKey, with draft: CalendarDraft, by caller: Caller) async throws -> (calendar: BusinessCalendar, created: Bool) {
        try caller.requireAdmin()
        let calendar: BusinessCalendar
        do {
            calendar = try BusinessCalendar(draft)
        } catch {
            throw ChatError.invalidField(field: .calendarEntry(error.key), reason: error.reason)
        }
        let created = try await calendars.replace(key, with: calendar)
        return (calendar, created)
    }
}
