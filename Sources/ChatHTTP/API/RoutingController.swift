import ChatCore
import Hummingbird

/// Statuses, capacities, routing settings and custom away statuses.
struct RoutingController {
    let routing: RoutingService
    let hours: BusinessHoursService
    let limits: HTTPLimits

    struct StatusRequest: Decodable {
        let status: String
        let awayReason: String?
    }

    struct CapacityRequest: Decodable {
        /// nil defers to the department's limit, then the server's.
        let maxChats: Int?
    }

    struct DepartmentRoutingRequest: Decodable {
        let routingMode: String
        let maxChatsPerAgent: Int?
    }

    struct AwayStatusRequest: Decodable {
        let name: String
    }

    struct AwayStatusesResponse: ResponseCodable {
        let items: [String]
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.put("agents/:agentId/status", use: setStatus)
        router.put("agents/:agentId/capacity", use: setCapacity)
        router.put("departments/:departmentId/routing", use: setDepartmentRouting)
        router.get("away-statuses", use: awayStatuses)
        router.post("away-statuses", use: defineAwayStatus)
        router.delete("away-statuses/:name", use: removeAwayStatus)
    }

    @Sendable func setStatus(_ request: Request, context: ParleyRequestContext) async throws -> AgentResponse {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(StatusRequest.self, limit: limits.maxBodyBytes)
        guard let availability = Availability(rawValue: body.status) else {
            throw APIError.invalidField("status", reason: "must be online, away or offline")
        }
        guard body.awayReason == nil || availability == .away else {
            throw APIError.invalidField("awayReason", reason: "is only for the away status")
        }
        let id = AgentID(try context.parameters.required("agentId"))
        let agent = try await routing.setStatus(AgentStatus(availability, awayReason: body.awayReason), of: id, by: caller)
        return AgentResponse(agent, ongoingChats: try await routing.loads()[agent.id] ?? 0)
    }

    @Sendable func setCapacity(_ request: Request, context: ParleyRequestContext) async throws -> AgentResponse {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(CapacityRequest.self, limit: limits.maxBodyBytes)
        let agent = try await routing.setCapacity(body.maxChats, of: AgentID(context.parameters.required("agentId")), by: caller)
        return AgentResponse(agent, ongoingChats: try await routing.loads()[agent.id] ?? 0)
    }

    @Sendable func setDepartmentRouting(_ request: Request, context: ParleyRequestContext) async throws -> DepartmentResponse {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(DepartmentRoutingRequest.self, limit: limits.maxBodyBytes)
        guard let mode = RoutingMode(rawValue: body.routingMode) else {
            throw APIError.invalidField("routingMode", reason: "must be least_busy or round_robin")
        }
        let department = try await routing.setDepartmentRouting(
            mode, maxChatsPerAgent: body.maxChatsPerAgent, of: try context.parameters.departmentID(), by: caller
        )
        return DepartmentResponse(department, hours: hours)
    }

    @Sendable func awayStatuses(_ request: Request, context: ParleyRequestContext) async throws -> AwayStatusesResponse {
        let caller = Caller.principal(try context.requirePrincipal())
        return AwayStatusesResponse(items: try await routing.awayStatuses(by: caller))
    }

    @Sendable func defineAwayStatus(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<AwayStatusesResponse> {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(AwayStatusRequest.self, limit: limits.maxBodyBytes)
        try await routing.defineAwayStatus(body.name, by: caller)
        return AwayStatusesResponse(items: try await routing.awayStatuses(by: caller)).created
    }

    @Sendable func removeAwayStatus(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let caller = Caller.principal(try context.requirePrincipal())
        try await routing.removeAwayStatus(try context.parameters.required("name"), by: caller)
        return .noContent
    }
}
