import ChatCore
import Hummingbird

/// `/v1/calendars`: business calendars, read by agents and written by admins (each write
/// replaces the calendar's file).
struct CalendarsController {
    let hours: BusinessHoursService
    let limits: HTTPLimits

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("calendars", use: list)
        router.get("calendars/:project/:country", use: read)
        router.put("calendars/:project/:country", use: replace)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<CalendarResponse> {
        let caller = Caller.principal(try context.requirePrincipal())
        return ListResponse(items: try hours.calendars(by: caller).map { CalendarResponse(key: $0.key, calendar: $0.calendar, status: $0.status) })
    }

    @Sendable func read(_ request: Request, context: ParleyRequestContext) async throws -> CalendarResponse {
        let caller = Caller.principal(try context.requirePrincipal())
        let key = try calendarKey(context)
        let (calendar, status) = try hours.calendar(key, by: caller)
        return CalendarResponse(key: key, calendar: calendar, status: status)
    }

    /// 201 when the calendar is new, 200 when it replaced one.
    @Sendable func replace(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<CalendarResponse> {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let key = try calendarKey(context)
        let body = try await request.decodeJSON(CalendarBody.self, limit: limits.maxBodyBytes)
        let (calendar, created) = try await hours.replace(key, with: body.draft, by: caller)
        let (_, status) = try hours.calendar(key, by: caller)
        return EditedResponse(status: created ? .created : .ok, response: CalendarResponse(key: key, calendar: calendar, status: status))
    }

    private func calendarKey(_ context: ParleyRequestContext) throws -> CalendarKey {
        let project = try context.parameters.required("project")
        let country = try context.parameters.required("country")
        guard let key = CalendarKey(project: project, country: country) else {
            throw APIError(
                status: .notFound, code: "calendar_not_found",
                message: "No business calendar can be named so: the project is a folder name (1-64 letters, digits, '_' or '-'), the country 2 letters."
            )
        }
        return key
    }
}
