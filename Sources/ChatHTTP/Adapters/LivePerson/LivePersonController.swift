import ChatCore
import Foundation
import Hummingbird

/// LivePerson's legacy Chat REST API, agent side, under `/api/account/{accountId}`: login,
/// agent sessions, availability, incoming requests, and the chats' events, info, typing,
/// transfers and surveys. JSON by default, XML for `Accept: application/xml`.
struct LivePersonController {
    typealias Context = ParleyRequestContext

    let services: Services
    let settings: Settings
    let limits: HTTPLimits
    let logins: RateLimiter
    /// The most events one chat's answer carries; the `next` link continues from there.
    let eventsPerAnswer = 100
    /// The most chats one multi-chat poll may name.
    let chatsPerPoll = 50

    func addRoutes(to router: Router<Context>) {
        let account = router.group("api/account/:accountId")
            .add(middleware: ErrorMiddleware(naming: LPError.fieldName, render: LPError.render))
            .add(middleware: LPAccountMiddleware(accountID: settings.accountID))
        account.post("login", use: login)
        account.post("refresh", use: refresh)
        account.post("logout", use: logout)
        account.post("agentSession", use: openSession)
        account.delete("agentSession/:agentSessionId", use: endSession)
        account.get("agentSession/:agentSessionId/info", use: agentInfo)
        account.get("agentSession/:agentSessionId/chatSessions", use: chatSessions)
        account.get("agentSession/:agentSessionId/availability", use: availability)
        account.putOrOverride("agentSession/:agentSessionId/availability", setAvailability)
        account.get("agentSession/:agentSessionId/incomingRequests", use: incomingRequests)
        account.post("agentSession/:agentSessionId/incomingRequests", use: acceptNext)
        account.get("agentSession/:agentSessionId/chat", use: chats)
        account.get("agentSession/:agentSessionId/visits/visit/:chatId", use: visit)
        account.get("agentSession/:agentSessionId/availableAgents", use: availableAgents)
        addChatRoutes(to: account.group("agentSession/:agentSessionId/chat/:chatId"))
        addDiscoveryRoutes(to: router)
        // Any other path under the account is unknown in the client's format too.
        for method in [HTTPRequest.Method.get, .post, .put, .delete] {
            account.on("**", method: method) { _, _ -> Response in
                throw APIError(status: .notFound, code: "not_found", message: "No such resource.")
            }
        }
    }


    // MARK: Agent sessions

    /// Opens a working session for the bearer's agent. LivePerson's clients send the agent's
    /// `loginData` again here; the bearer already proves who the agent is, so it is not read.
    @Sendable func openSession(_ request: Request, context: Context) async throws -> Response {
        let session = try await services.agentSessions.open(for: try context.requirePrincipal())
        let href = links(request, context, session: session.id).session
        return request.livePersonFormat.response(
            LPLinks.location("agentSessionLocation", href), status: .created, headers: [.location: href]
        )
    }

    /// Ends the session; the agent goes offline when it was its last one.
    @Sendable func endSession(_ request: Request, context: Context) async throws -> Response {
        try await services.agentSessions.end(sessionID(context), for: try context.requirePrincipal())
        return Response(status: .noContent)
    }

    /// The agent: names, id, limit of chats, availability and skills (departments).
    @Sendable func agentInfo(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let agent = try await services.directory.agent(try Self.agent(principal).id, by: .principal(principal))
        let departments = try await services.directory.departments().filter { agent.serves($0.id) }
        let maxChats = departments.map { settings.capacity.capacity(of: agent, in: $0) }.max()
            ?? agent.maxChats ?? settings.capacity.defaultMaxChats
        return request.livePersonFormat.response(.document("info", .fields([
            "link": LPLinks.link("\(links.session)/info", "self"),
            "agentName": .string(agent.name),
            "displayName": .string(agent.name),
            "loginName": .string(agent.email),
            "id": .number(LPNumbers.number(of: agent.id)),
            "maxChats": .string(String(maxChats)),
            "availability": Self.availability(agent.status)["availability"],
            "skillsInfo": .fields(["skillInfo": .array(departments.map { department in
                .fields(["id": .string(department.id.description), "name": .string(department.name)])
            })]),
        ])))
    }

    /// The chats the agent serves now, so a client that reconnects finds them again.
    @Sendable func chatSessions(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let serving = try await services.chats.chatsServed(by: principal)
        return request.livePersonFormat.response(.document("chatSessions", .fields(["chatSession": .array(serving.map { chat in
            .fields([
                "link": LPLinks.link(links.chat(chat.id), "chat-session"),
                "chatSessionKey": .string(chat.id.rawValue),
                "startTime": .number(Int64((chat.createdAt.timeIntervalSince1970 * 1000).rounded())),
            ])
        })])))
    }

    // MARK: Availability

    @Sendable func availability(_ request: Request, context: Context) async throws -> Response {
        let (principal, _) = try await agentSession(request, context)
        let agent = try await services.directory.agent(try Self.agent(principal).id, by: .principal(principal))
        return request.livePersonFormat.response(Self.availability(agent.status))
    }

    /// `{"availability": {"chat": "Online" | "Away" | "Occupied"}}`.
    @Sendable func setAvailability(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, _) = try await agentSession(request, context)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("availability")
        let status: AgentStatus = switch body["chat"]?.text?.lowercased() {
        case "online": .online
        case "away": .away
        case "occupied": .occupied
        default: throw APIError.invalidField("chat", reason: "must be Online, Away or Occupied")
        }
        let agent = try await services.routing.setStatus(status, of: try Self.agent(principal).id, by: .principal(principal))
        return request.livePersonFormat.response(Self.availability(agent.status))
    }

    static func availability(_ status: AgentStatus) -> LPNode {
        let chat = switch status.availability {
        case .online: "Online"
        case .offline: "Offline"
        case .away: status == .occupied ? "Occupied" : "Away"
        }
        return .document("availability", .fields(["chat": .string(chat)]))
    }

    // MARK: Incoming requests

    /// How many chats are ringing for the agent (offered to it), with the link that takes the next.
    @Sendable func incomingRequests(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let ringing = try await services.routing.offers(to: try Self.agent(principal).id).count
        return request.livePersonFormat.response(.document("incomingRequests", .fields([
            "ringingCount": .string(String(ringing)),
            "link": ringing > 0 ? LPLinks.link("\(links.session)/incomingRequests", "next-request") : nil,
        ])))
    }

    /// Takes the next chat: the oldest offered to the agent, else the oldest waiting in its skills.
    @Sendable func acceptNext(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let chat = try await services.chats.acceptNext(as: principal)
        let href = links.chat(chat.id)
        return request.livePersonFormat.response(LPLinks.location("chatLocation", href), status: .created, headers: [.location: href])
    }

    // MARK: Shared

    /// The caller and its open agent session named in the path (404 for anyone else's).
    func agentSession(_ request: Request, _ context: Context) async throws -> (Principal, LPLinks) {
        let principal = try context.requirePrincipal()
        let session = try await services.agentSessions.session(sessionID(context), for: principal)
        return (principal, links(request, context, session: session.id))
    }

    private func sessionID(_ context: Context) throws -> AgentSessionID {
        AgentSessionID(try context.parameters.required("agentSessionId"))
    }

    static func agent(_ principal: Principal) throws -> Agent {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents use the agent API.") }
        return agent
    }

    /// Links are absolute: on the public URL when one is configured, else on the host the client used.
    private func links(_ request: Request, _ context: Context, session: AgentSessionID) -> LPLinks {
        LPLinks(session: "\(settings.origin.origin(request, context))/api/account/\(settings.accountID)/agentSession/\(session.rawValue)")
    }
}
