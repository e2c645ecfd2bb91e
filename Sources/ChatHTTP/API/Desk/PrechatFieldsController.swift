import ChatCore
import Hummingbird

/// `/v1/prechat-fields`: the widget's pre-chat form beyond name, email and message. Anyone may
/// read it (the widget shows it before a visitor exists); admins replace it whole.
struct PrechatFieldsController {
    let prechat: PrechatFormService
    let limits: HTTPLimits

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("prechat-fields", use: list)
        router.put("prechat-fields", use: replace)
    }

    /// `?departmentId=` gives that department's form (the global fields and its own); without it, every field.
    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<PrechatFieldWire> {
        let department = try request.queryInteger("departmentId").map { DepartmentID(Int64($0)) }
        return ListResponse(items: try await prechat.fields(departmentID: department).map(PrechatFieldWire.init))
    }

    @Sendable func replace(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<PrechatFieldWire> {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(PrechatFieldsRequest.self, limit: limits.maxBodyBytes)
        return ListResponse(items: try await prechat.replace(body.items.map(\.draft), by: caller).map(PrechatFieldWire.init))
    }
}
