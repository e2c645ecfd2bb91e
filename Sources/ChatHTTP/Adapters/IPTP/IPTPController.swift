import ChatCore
import Hummingbird
import ServiceLifecycle

/// The IPTP XM Live Assistance API under `/xm`: a website that talks to IPTP's API works
/// against Parley by changing only its base URL.
struct IPTPController {
    /// The core services this face calls.
    struct Services: Sendable {
        let auth: AuthService
        let captchas: CaptchaService
        let chats: ChatService
        let feed: EventFeed
        let routing: RoutingService
        let directory: DirectoryService
        let insights: VisitorInsights
        let visitors: VisitorService
    }

    let services: Services
    let limits: HTTPLimits
    let captchaLimiter: RateLimiter
    let guestLimiter: RateLimiter
    let loginLimiter: RateLimiter

    func addRoutes(to router: Router<ParleyRequestContext>) {
        let xm = router.group("xm")
            .add(middleware: ErrorMiddleware(naming: IPTPError.fieldName, render: IPTPError.render))
            .add(middleware: IPTPTokenMiddleware(auth: services.auth))
        xm.get("captcha", use: captcha)
        xm.post("guests", use: createGuest)
        xm.post("oauth2/token", use: refresh)
        xm.post("api/login", use: login)
        xm.post("auth/login", use: login)
        xm.get("api/sync", use: sync)
        xm.get("api/messages", use: messagePage)
        xm.get("api/chats/:chatId/messages", use: messages)
        xm.post("api/chats/:chatId/messages", use: send)
        xm.put("api/chats/:chatId/messages/:messageId", use: edit)
        xm.delete("api/chats/:chatId/messages/:messageId", use: delete)
        xm.post("api/chats/:chatId/description", use: describe)
    }

    @Sendable func captcha(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.CaptchaResponse {
        try captchaLimiter.check(context.rateLimitKey)
        let captcha = try await services.captchas.issue()
        return IPTPWire.CaptchaResponse(
            captchaId: captcha.id, image: captcha.image, captchaImage: Self.base64(ofDataURL: captcha.image),
            expiresIn: Int(captcha.expiresAt.timeIntervalSinceNow.rounded())
        )
    }

    @Sendable func createGuest(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<IPTPWire.GuestResponse> {
        var request = request
        try guestLimiter.check(context.rateLimitKey)
        let body = try await request.decodeJSON(IPTPWire.GuestRequest.self, limit: limits.maxBodyBytes)
        let query = request.uri.queryParameters
        let answer = query["captchaId"].map { CaptchaAnswer(id: String($0), answer: String(query["captcha"] ?? "")) }
        let started = try await services.chats.startChat(
            StartChatRequest(
                departmentID: DepartmentID(body.departmentId), name: body.name, email: body.email, message: body.message,
                profile: VisitorProfile(
                    userAgent: request.headers[.userAgent], ipAddress: context.clientAddress,
                    language: request.headers[.acceptLanguage], sourceURL: body.sourceUrl
                )
            ),
            captcha: answer
        )
        // A chat started without a visitor's own token always opens a new visitor's session.
        guard let credentials = started.credentials else { throw ChatError.unauthenticated }
        return IPTPWire.GuestResponse(
            userId: started.visitor.id.rawValue, chatId: started.chat.id.rawValue,
            access_token: credentials.accessToken, refresh_token: credentials.refreshToken
        ).created
    }

    /// The payload of a `data:...;base64,` URL.
    static func base64(ofDataURL url: String) -> String {
        url.range(of: ";base64,").map { String(url[$0.upperBound...]) } ?? url
    }

    /// Accepts the refresh token as JSON (`{"refresh_token": "..."}`) or as an OAuth2 form,
    /// with XM's `secret` naming the client instance. XM's client tells a used token (403)
    /// from an unknown one (404) by status and `details`, and retries the first with its secret.
    @Sendable func refresh(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.TokenResponse {
        var request = request
        try loginLimiter.check(context.rateLimitKey)
        let (token, secret) = try await request.oauthRefreshToken(limit: limits.maxBodyBytes)
        let credentials: IssuedCredentials
        do {
            credentials = try await services.auth.refresh(token, secret: secret)
        } catch ChatError.invalidRefreshToken(.alreadyUsed) {
            throw APIError(status: .forbidden, code: "invalid_refresh_token", message: "Refresh token already used.")
        } catch ChatError.invalidRefreshToken(.notFound) {
            throw APIError(status: .notFound, code: "invalid_refresh_token", message: "Refresh token not found.")
        }
        return IPTPWire.TokenResponse(
            access_token: credentials.accessToken, refresh_token: credentials.refreshToken, token_type: "Bearer",
            expires_in: Int(credentials.accessTokenExpiresAt.timeIntervalSinceNow.rounded())
        )
    }

    @Sendable func login(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.LoginResponse {
        var request = request
        try loginLimiter.check(context.rateLimitKey)
        let body = try await request.decodeJSON(IPTPWire.LoginRequest.self, limit: limits.maxBodyBytes)
        let (agent, credentials) = try await services.auth.login(email: body.email, password: body.password)
        return IPTPWire.LoginResponse(
            userId: agent.id.rawValue, sessionId: credentials.session.rawValue,
            access_token: credentials.accessToken, refresh_token: credentials.refreshToken
        )
    }

    /// Guest information for agents only.
    @Sendable func describe(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.Description {
        let principal = try context.requirePrincipal()
        guard principal.agent != nil else { throw ChatError.forbidden(reason: "Only agents may read guest information.") }
        let chat = try await services.chats.chat(chatID(context), for: principal)
        let visitor = try await services.chats.visitor(of: chat)
        let department = try await services.directory.department(chat.departmentID)
        let members = try await services.directory.agents(by: .principal(principal))
            .filter { $0.serves(chat.departmentID) }.map(\.id.rawValue)
        return IPTPWire.Description(
            id: chat.id.rawValue,
            subject: IPTPWire.subject(department: department, visitor: visitor, chat: chat),
            updated: chat.updatedAt.epochMilliseconds,
            members: members,
            guest: IPTPWire.Guest(services.insights.details(of: visitor))
        )
    }
}
