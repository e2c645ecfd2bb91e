import ChatCore
import Hummingbird

/// `/v1/auth`: agent login, token refresh, logout; `/v1/me`: who the token speaks for.
struct AuthController {
    let auth: AuthService
    /// For a visitor's `/v1/me`: its current chat.
    let chats: ChatService
    let limits: HTTPLimits
    let logins: RateLimiter

    struct LoginRequest: Decodable {
        let email: String
        let password: String
    }

    struct RefreshRequest: Decodable {
        let refreshToken: String
    }

    struct LoginResponse: ResponseCodable {
        let agent: AgentResponse
        let accessToken: String
        let refreshToken: String
        let tokenType: String
        let expiresIn: Int
        let expiresAt: String
    }

    struct MeResponse: ResponseCodable {
        let type: String
        let agent: AgentResponse?
        let visitorId: String?
        let chatId: String?
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.post("auth/login", use: login)
        router.post("auth/refresh", use: refresh)
        router.post("auth/logout", use: logout)
        router.get("me", use: me)
    }

    @Sendable func login(_ request: Request, context: ParleyRequestContext) async throws -> LoginResponse {
        var request = request
        try logins.check(context.rateLimitKey)
        let body = try await request.decodeJSON(LoginRequest.self, limit: limits.maxBodyBytes)
        let (agent, credentials) = try await auth.login(email: body.email, password: body.password)
        let tokens = CredentialsResponse(credentials)
        return LoginResponse(
            agent: AgentResponse(agent), accessToken: tokens.accessToken, refreshToken: tokens.refreshToken,
            tokenType: tokens.tokenType, expiresIn: tokens.expiresIn, expiresAt: tokens.expiresAt
        )
    }

    @Sendable func refresh(_ request: Request, context: ParleyRequestContext) async throws -> CredentialsResponse {
        var request = request
        try logins.check(context.rateLimitKey)
        let body = try await request.decodeJSON(RefreshRequest.self, limit: limits.maxBodyBytes)
        return CredentialsResponse(try await auth.refresh(body.refreshToken))
    }

    @Sendable func logout(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        try await auth.logout(context.requirePrincipal())
        return .noContent
    }

    @Sendable func me(_ request: Request, context: ParleyRequestContext) async throws -> MeResponse {
        let principal = try context.requirePrincipal()
        switch principal.role {
        case .agent(let agent):
            return MeResponse(type: "agent", agent: AgentResponse(agent), visitorId: nil, chatId: nil)
        case .visitor(let visitor):
            let chat = try await chats.currentChat(for: principal)
            return MeResponse(type: "visitor", agent: nil, visitorId: visitor.rawValue, chatId: chat?.id.rawValue)
        }
    }
}
