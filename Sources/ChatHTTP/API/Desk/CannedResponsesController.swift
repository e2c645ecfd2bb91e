import ChatCore
import Hummingbird

/// `/v1/canned-responses`: replies agents insert by shortcut; admins write them.
struct CannedResponsesController {
    let responses: CannedResponseService
    let limits: HTTPLimits

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("canned-responses", use: list)
        router.post("canned-responses", use: create)
        router.patch("canned-responses/:responseId", use: update)
        router.delete("canned-responses/:responseId", use: delete)
    }

    /// `?departmentId=` narrows the list to one department's responses and the global ones.
    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<CannedResponseResponse> {
        let principal = try context.requirePrincipal()
        let department = try request.queryInteger("departmentId").map { DepartmentID(Int64($0)) }
        return ListResponse(items: try await responses.responses(departmentID: department, for: principal).map(CannedResponseResponse.init))
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<CannedResponseResponse> {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(NewCannedResponseRequest.self, limit: limits.maxBodyBytes)
        let created = try await responses.create(
            shortcut: body.shortcut, title: body.title, text: body.text, departmentID: body.departmentId.map { DepartmentID($0) }, by: caller
        )
        return CannedResponseResponse(created).created
    }

    @Sendable func update(_ request: Request, context: ParleyRequestContext) async throws -> CannedResponseResponse {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(CannedResponsePatchRequest.self, limit: limits.maxBodyBytes)
        return CannedResponseResponse(try await responses.update(try responseID(context), with: body.patch, by: caller))
    }

    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let caller = Caller.principal(try context.requirePrincipal())
        try await responses.delete(try responseID(context), by: caller)
        return .noContent
    }

    private func responseID(_ context: ParleyRequestContext) throws -> String {
        try context.parameters.required("responseId")
    }
}
