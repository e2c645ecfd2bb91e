import ChatCore
import Hummingbird

/// `/v1/departments` and `/v1/agents`: the directory, managed by admins.
struct DirectoryController {
    let directory: DirectoryService
    let routing: RoutingService
    let hours: BusinessHoursService
    let limits: HTTPLimits

    struct CreateAgentRequest: Decodable {
        let email: String
        let name: String
        let password: String
        let isAdmin: Bool?
        let departmentIds: [Int64]?
    }

    struct UpdateAgentRequest: Decodable {
        let name: String?
        let isAdmin: Bool?
        let password: String?
        /// Required when agents change their own password.
        let currentPassword: String?
    }

    struct DepartmentsRequest: Decodable {
        let departmentIds: [Int64]
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("departments", use: listDepartments)
        router.post("departments", use: createDepartment)
        router.patch("departments/:departmentId", use: updateDepartment)
        router.get("agents", use: listAgents)
        router.post("agents", use: createAgent)
        router.get("agents/:agentId", use: getAgent)
        router.patch("agents/:agentId", use: updateAgent)
        router.put("agents/:agentId/departments", use: setDepartments)
    }

    @Sendable func listDepartments(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<DepartmentResponse> {
        let staffed = try await directory.staffedDepartments()
        return ListResponse(items: try await directory.departments().map {
            DepartmentResponse($0, hours: hours, agentsOnline: staffed.contains($0.id))
        })
    }

    @Sendable func createDepartment(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<DepartmentResponse> {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(DepartmentRequest.self, limit: limits.maxBodyBytes)
        guard let name = body.name else { throw APIError.invalidField("name", reason: "is required") }
        let calendar = try body.calendarKey() ?? nil
        return DepartmentResponse(try await directory.createDepartment(named: name, calendar: calendar, by: caller), hours: hours).created
    }

    /// Renames the department and, when the body holds `calendar`, links it (or with null unlinks it).
    @Sendable func updateDepartment(_ request: Request, context: ParleyRequestContext) async throws -> DepartmentResponse {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let id = try context.parameters.departmentID()
        let body = try await request.decodeJSON(DepartmentRequest.self, limit: limits.maxBodyBytes)
        let calendar = try body.calendarKey()
        guard body.name != nil || calendar != nil else {
            throw APIError.invalidField("name", reason: "or calendar is required")
        }
        return DepartmentResponse(try await directory.updateDepartment(id, name: body.name, calendar: calendar, by: caller), hours: hours)
    }

    @Sendable func listAgents(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<AgentResponse> {
        let caller = Caller.principal(try context.requirePrincipal())
        let agents = try await directory.agents(by: caller)
        let loads = try await routing.loads()
        return ListResponse(items: agents.map { AgentResponse($0, ongoingChats: loads[$0.id] ?? 0) })
    }

    @Sendable func createAgent(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<AgentResponse> {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(CreateAgentRequest.self, limit: limits.maxBodyBytes)
        let draft = NewAgent(
            email: body.email, name: body.name, password: body.password, isAdmin: body.isAdmin ?? false,
            departmentIDs: (body.departmentIds ?? []).map { DepartmentID($0) }
        )
        return AgentResponse(try await directory.createAgent(draft, by: caller)).created
    }

    @Sendable func getAgent(_ request: Request, context: ParleyRequestContext) async throws -> AgentResponse {
        let caller = Caller.principal(try context.requirePrincipal())
        let agent = try await directory.agent(AgentID(context.parameters.required("agentId")), by: caller)
        return AgentResponse(agent, ongoingChats: try await routing.loads()[agent.id] ?? 0)
    }

    @Sendable func updateAgent(_ request: Request, context: ParleyRequestContext) async throws -> AgentResponse {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let id = AgentID(try context.parameters.required("agentId"))
        let body = try await request.decodeJSON(UpdateAgentRequest.self, limit: limits.maxBodyBytes)
        let agent = try await directory.updateAgent(
            id, name: body.name, isAdmin: body.isAdmin, password: body.password, currentPassword: body.currentPassword, by: caller
        )
        return AgentResponse(agent)
    }

    @Sendable func setDepartments(_ request: Request, context: ParleyRequestContext) async throws -> AgentResponse {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let id = AgentID(try context.parameters.required("agentId"))
        let body = try await request.decodeJSON(DepartmentsRequest.self, limit: limits.maxBodyBytes)
        return AgentResponse(try await directory.setDepartments(body.departmentIds.map { DepartmentID($0) }, of: id, by: caller))
    }
}
