import ChatCore
import Hummingbird

/// `/v1/chats`: visitors start chats; agents list and join them; both sides write, type,
/// read history and close.
struct ChatsController {
    let chats: ChatService
    let search: ChatSearchService
    let routing: RoutingService
    let insights: VisitorInsights
    let limits: HTTPLimits
    let chatStarts: RateLimiter

    /// A visitor tracked first (a visitor bearer) may leave name and email out.
    struct StartRequest: Decodable {
        let departmentId: Int64
        let name: String?
        let email: String?
        let message: String
        let sourceUrl: String?
        /// The pre-chat form's other answers (phone, company, any extra field).
        let fields: [PairRequest]?
        /// A solved captcha from `GET /v1/captcha`, when the server asks for one.
        let captcha: CaptchaAnswerRequest?
    }

    struct CaptchaAnswerRequest: Decodable {
        let id: String
        let answer: String
    }

    struct StartResponse: ResponseCodable {
        let chat: ChatResponse
        let visitor: VisitorResponse
        let events: [EventResponse]
        /// The new visitor's credentials; absent when a tracked visitor started the chat with its own.
        let credentials: CredentialsResponse?
    }

    struct NoteRequest: Decodable {
        let text: String
    }

    struct MessageRequest: Decodable {
        let text: String
        let clientMessageId: String?
        /// The per-chat event id of the line or file this message quotes.
        let quotedEventId: Int?
    }

    /// Exactly one of `agentId` and `departmentId`.
    struct TransferRequest: Decodable {
        let agentId: String?
        let departmentId: Int64?
        let note: String?
    }

    struct TypingRequest: Decodable {
        let typing: Bool
    }

    struct EventsResponse: ResponseCodable {
        let items: [EventResponse]
        let hasMore: Bool
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.post("chats", use: start)
        router.get("chats", use: list)
        router.get("chats/:chatId", use: get)
        router.post("chats/:chatId/join", use: join)
        router.post("chats/:chatId/decline", use: decline)
        router.post("chats/:chatId/transfer", use: transfer)
        router.post("chats/:chatId/messages", use: send)
        router.post("chats/:chatId/notes", use: addNote)
        router.post("chats/:chatId/close", use: close)
        router.post("chats/:chatId/typing", use: typing)
        router.get("chats/:chatId/events", use: history)
    }

    @Sendable func start(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<StartResponse> {
        var request = request
        try chatStarts.check(context.rateLimitKey)
        let body = try await request.decodeJSON(StartRequest.self, limit: limits.maxBodyBytes)
        let started = try await chats.startChat(StartChatRequest(
            departmentID: DepartmentID(body.departmentId), name: body.name, email: body.email, message: body.message,
            formFields: body.fields?.map(\.variable), answersPrechatForm: true,
            profile: VisitorProfile(
                userAgent: request.headers[.userAgent], ipAddress: context.clientAddress,
                language: request.headers[.acceptLanguage], sourceURL: body.sourceUrl
            )
        ), captcha: body.captcha.map { CaptchaAnswer(id: $0.id, answer: $0.answer) }, as: context.principal)
        return StartResponse(
            chat: ChatResponse(started.chat), visitor: VisitorResponse(started.visitor),
            events: started.events.map(EventResponse.init), credentials: started.credentials.map { CredentialsResponse($0) }
        ).created
    }

    /// With `q` (text searched) or `visitorId`, past chats newest first, paged by `before` (a
    /// chat number) and each with its `match`; otherwise the chats to work on, oldest first.
    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<ChatMatchResponse> {
        let principal = try context.requirePrincipal()
        let query = request.uri.queryParameters
        let states = try query.getAll("state").flatMap { $0.split(separator: ",") }.map { name in
            guard let state = ChatState(rawValue: String(name)) else {
                throw APIError.badRequest("Query parameter 'state' must be one of queued, active, transferring, ended.")
            }
            return state
        }
        let department = try request.queryInteger("departmentId").map { DepartmentID(Int64($0)) }
        let limit = try request.queryInteger("limit") ?? 100
        let before = try request.queryInteger("before").map { Int64($0) }
        let text = query["q"].map(String.init)
        let visitor = query["visitorId"].map { VisitorID(String($0)) }
        guard text != nil || visitor != nil else {
            let found = try await chats.chats(states: states, departmentID: department, limit: limit, for: principal)
            return ListResponse(items: found.map { ChatMatchResponse(ChatMatch(chat: $0, excerpt: nil)) })
        }
        let found = try await search.search(
            text: text, visitorID: visitor, departmentID: department, states: states,
            before: before, limit: limit, for: principal
        )
        return ListResponse(items: found.map(ChatMatchResponse.init))
    }

    @Sendable func get(_ request: Request, context: ParleyRequestContext) async throws -> ChatResponse {
        let principal = try context.requirePrincipal()
        let chat = try await chats.chat(chatID(context), for: principal)
        return ChatResponse(
            chat, visitor: insights.details(of: try await chats.visitor(of: chat)), standing: try await routing.standing(of: chat),
            showOffer: principal.agent != nil, agentName: try await chats.agentName(of: chat)
        )
    }

    @Sendable func join(_ request: Request, context: ParleyRequestContext) async throws -> ChatResponse {
        ChatResponse(try await chats.join(chatID(context), as: context.requirePrincipal()))
    }

    /// An agent turns down the chat offered to it.
    @Sendable func decline(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        try await routing.decline(chatID(context), as: context.requirePrincipal())
        return .noContent
    }

    @Sendable func transfer(_ request: Request, context: ParleyRequestContext) async throws -> ChatResponse {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(TransferRequest.self, limit: limits.maxBodyBytes)
        let target: TransferTarget
        switch (body.agentId, body.departmentId) {
        case (let agent?, nil): target = .agent(AgentID(agent))
        case (nil, let department?): target = .department(DepartmentID(department))
        default: throw APIError.badRequest("Give exactly one of 'agentId' and 'departmentId'.")
        }
        return ChatResponse(try await chats.transfer(chatID(context), to: target, note: body.note, as: principal))
    }

    @Sendable func send(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<EventResponse> {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(MessageRequest.self, limit: limits.maxBodyBytes)
        let sent = try await chats.send(
            body.text, clientMessageID: body.clientMessageId, quoting: body.quotedEventId, to: chatID(context), as: principal
        )
        // A retry that found its message already stored answers 200 rather than 201.
        return EditedResponse(status: sent.isReplay ? .ok : .created, response: EventResponse(sent.event))
    }

    /// `{"text": "..."}`: a note for the chat's agents, never shown to the visitor.
    @Sendable func addNote(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<EventResponse> {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(NoteRequest.self, limit: limits.maxBodyBytes)
        return EventResponse(try await chats.addNote(body.text, to: chatID(context), as: principal)).created
    }

    @Sendable func close(_ request: Request, context: ParleyRequestContext) async throws -> ChatResponse {
        ChatResponse(try await chats.close(chatID(context), as: context.requirePrincipal()))
    }

    @Sendable func typing(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(TypingRequest.self, limit: limits.maxBodyBytes)
        try await chats.setTyping(body.typing, in: chatID(context), as: principal)
        return .noContent
    }

    /// `?after=ID` pages forwards, `?before=ID` backwards; neither gives the newest page.
    @Sendable func history(_ request: Request, context: ParleyRequestContext) async throws -> EventsResponse {
        let principal = try context.requirePrincipal()
        let limit = try request.queryInteger("limit") ?? 50
        let after = try request.queryInteger("after")
        let before = try request.queryInteger("before")
        guard after == nil || before == nil else { throw APIError.badRequest("Give 'after' or 'before', not both.") }
        let page: EventPage = after != nil ? .after(after, limit: limit) : .before(before, limit: limit)
        let (events, hasMore) = try await chats.history(of: chatID(context), page: page, for: principal)
        return EventsResponse(items: events.map(EventResponse.init), hasMore: hasMore)
    }

    private func chatID(_ context: ParleyRequestContext) throws -> ChatID {
        ChatID(try context.parameters.required("chatId"))
    }
}
