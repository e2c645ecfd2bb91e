import ChatCore
import Foundation
import Hummingbird

/// Comm100's Live Chat API: its agents (`/livechat/agents`), its visitors (`/livechat/visitors`,
/// see `Comm100Controller+Visitors`), and the OAuth2 password grant its clients log in with (`/oauth/token`).
struct Comm100Controller {
    /// The core services this face calls.
    struct Services: Sendable {
        let auth: AuthService
        let directory: DirectoryService
        let routing: RoutingService
        let visitors: VisitorService
    }

    let services: Services
    let limits: HTTPLimits
    let logins: RateLimiter

    func addRoutes(to router: Router<ParleyRequestContext>) {
        router.post("oauth/token", use: token)
        let livechat = router.group("livechat").add(middleware: ErrorMiddleware(naming: Self.fieldName, render: Self.error))
        livechat.get("agents", use: agents)
        livechat.get("agents/:agentId", use: agent)
        livechat.put("agents/:agentId", use: setStatus)
        addVisitorRoutes(to: livechat)
    }

    /// `grant_type=password&username=EMAIL&password=...` or `grant_type=refresh_token&refresh_token=...`.
    @Sendable func token(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        var request = request
        do {
            try logins.check(context.rateLimitKey)
            let fields = try await request.decodeForm(limit: limits.maxBodyBytes)
            let credentials: IssuedCredentials
            switch fields["grant_type"] {
            case "password":
                credentials = try await services.auth.login(email: fields["username"] ?? "", password: fields["password"] ?? "").1
            case "refresh_token":
                credentials = try await services.auth.refresh(fields["refresh_token"] ?? "")
            default:
                return Self.oauthError(.badRequest, "unsupported_grant_type", "Use grant_type=password or grant_type=refresh_token.")
            }
            let body = Comm100Wire.Token(
                access_token: credentials.accessToken, token_type: "bearer",
                expires_in: Int(credentials.accessTokenExpiresAt.timeIntervalSinceNow.rounded()), refresh_token: credentials.refreshToken
            )
            return try body.response(from: request, context: context)
        } catch ChatError.invalidCredentials, ChatError.invalidRefreshToken {
            return Self.oauthError(.badRequest, "invalid_grant", "The credentials or the refresh token are not valid.")
        }
    }

    @Sendable func agents(_ request: Request, context: ParleyRequestContext) async throws -> [Comm100Wire.AgentStatus] {
        let caller = Caller.principal(try context.requirePrincipal())
        let loads = try await services.routing.loads()
        return try await services.directory.agents(by: caller).map { Comm100Wire.AgentStatus($0, ongoingChats: loads[$0.id] ?? 0) }
    }

    @Sendable func agent(_ request: Request, context: ParleyRequestContext) async throws -> Comm100Wire.AgentStatus {
        let caller = Caller.principal(try context.requirePrincipal())
        let agent = try await services.directory.agent(agentID(context), by: caller)
        return Comm100Wire.AgentStatus(agent, ongoingChats: try await services.routing.loads()[agent.id] ?? 0)
    }

    /// Accepts "online", "away" and the defined custom away statuses, in any case.
    @Sendable func setStatus(_ request: Request, context: ParleyRequestContext) async throws -> Comm100Wire.AgentStatus {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(Comm100Wire.StatusRequest.self, limit: limits.maxBodyBytes)
        let status: AgentStatus
        switch body.status.lowercased() {
        case "online": status = .online
        case "away": status = .away
        default:
            guard let custom = try await services.routing.awayStatuses(by: caller).first(where: { $0.lowercased() == body.status.lowercased() }) else {
                throw APIError.invalidField("status", reason: "must be online, away or a defined custom away status")
            }
            status = AgentStatus(.away, awayReason: custom)
        }
        let agent = try await services.routing.setStatus(status, of: agentID(context), by: caller)
        return Comm100Wire.AgentStatus(agent, ongoingChats: try await services.routing.loads()[agent.id] ?? 0)
    }

    private func agentID(_ context: ParleyRequestContext) throws -> AgentID {
        AgentID(try context.parameters.required("agentId"))
    }

    /// Core fields as Comm100's requests spell them: an away reason travels as the `status`, and a
    /// visitor's custom variables are its `customVariableResults`.
    @Sendable static func fieldName(_ field: ChatField) -> String {
        switch field {
        case .awayReason: "status"
        case .customVariables: "customVariableResults"
        default: field.nativeName
        }
    }

    /// Errors under `/livechat` in Comm100's shape: `{"code": "...", "message": "..."}`.
    @Sendable static func error(_ report: ErrorReport, _ request: Request) -> Response {
        report.response(Comm100Wire.Error(code: report.code, message: report.message))
    }

    private static func oauthError(_ status: HTTPResponse.Status, _ code: String, _ description: String) -> Response {
        ErrorReport.json(Comm100Wire.OAuthError(error: code, error_description: description), status: status)
    }
}
