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
        xm.get("api/sync", use: sync)
        xm.get("api/chats/:chatId/messages", use: messages)
        xm.post("api/chats/:chatId/messages", use: send)
        xm.post("api/chats/:chatId/description", use: describe)
    }

    @Sendable func captcha(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.CaptchaResponse {
        try captchaLimiter.check(context.rateLimitKey)
        let captcha = try await services.captchas.issue()
        return IPTPWire.CaptchaResponse(
            captchaId: captcha.id, image: captcha.image, expiresIn: Int(captcha.expiresAt.timeIntervalSinceNow.rounded())
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

    /// Accepts the refresh token as JSON (`{"refresh_token": "..."}`) or as an OAuth2 form.
    @Sendable func refresh(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.TokenResponse {
        var request = request
        try loginLimiter.check(context.rateLimitKey)
        let token = try await request.oauthRefreshToken(limit: limits.maxBodyBytes)
        let credentials = try await services.auth.refresh(token)
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

    /// `GET /xm/api/sync?timeout=MS&chatId=ID&onBackground=BOOL[&cursor=N]`: the new
    /// messages since what this session last received.
    @Sendable func sync(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.SyncResponse {
        let principal = try context.requirePrincipal()
        let chat = request.uri.queryParameters["chatId"].map { ChatID(String($0)) }
        let cursor = try request.queryInteger("cursor").map { value in
            guard value >= 0 else { throw APIError.badRequest("Query parameter 'cursor' must not be negative.") }
            return EventCursor(Int64(value))
        }
        let milliseconds = try request.queryInteger("timeout") ?? Int(limits.longPollDefaultTimeout.components.seconds * 1000)
        guard milliseconds >= 0 else { throw APIError.badRequest("Query parameter 'timeout' must not be negative.") }
        let timeout = min(.milliseconds(milliseconds), limits.longPollMaxTimeout)
        let batch = try await withFeedLimit {
            try await cancelWhenGracefulShutdown {
                try await services.feed.syncFromSavedPosition(
                    for: principal, in: chat, cursor: cursor, limit: limits.syncDefaultLimit, timeout: timeout,
                    from: context.rateLimitKey
                )
            }
        }
        let names = try await services.chats.authorNames(of: batch.events)
        return IPTPWire.SyncResponse(
            messages: batch.events.map { IPTPWire.Message($0, names: names) },
            cursor: batch.cursor.rawValue,
            typing: batch.typing.map(IPTPWire.TypingNotice.init),
            queue: try await queue(of: principal)
        )
    }

    /// A waiting guest's place in line.
    private func queue(of principal: Principal) async throws -> IPTPWire.Queue? {
        guard principal.visitorID != nil, let chat = try await services.chats.currentChat(for: principal) else { return nil }
        let standing = try await services.routing.standing(of: chat)
        return standing.map { IPTPWire.Queue(position: $0.position, estimatedWaitSeconds: $0.estimatedWait.map { Int($0.rounded()) }) }
    }

    /// `GET /xm/api/chats/{chatId}/messages?beforeId=N&limit=L`: older messages, oldest first.
    @Sendable func messages(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.MessagesResponse {
        let principal = try context.requirePrincipal()
        let limit = try request.queryInteger("limit") ?? 50
        let page = EventPage.before(try request.queryInteger("beforeId"), limit: limit)
        let (events, hasMore) = try await services.chats.history(of: chatID(context), page: page, for: principal)
        let names = try await services.chats.authorNames(of: events)
        return IPTPWire.MessagesResponse(messages: events.map { IPTPWire.Message($0, names: names) }, hasMore: hasMore)
    }

    @Sendable func send(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<IPTPWire.Message> {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(IPTPWire.SendRequest.self, limit: limits.maxBodyBytes)
        let sent = try await services.chats.reply(body.text, clientMessageID: body.clientId, to: chatID(context), as: principal)
        let names = try await services.chats.authorNames(of: [sent.event])
        return EditedResponse(status: sent.isReplay ? .ok : .created, response: IPTPWire.Message(sent.event, names: names))
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

    private func chatID(_ context: ParleyRequestContext) throws -> ChatID {
        ChatID(try context.parameters.required("chatId"))
    }
}
