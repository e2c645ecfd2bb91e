import ChatCore
import Foundation
import Hummingbird

/// The chats of an agent session: the multi-chat poll and each chat's resources.
extension LivePersonController {
    func addChatRoutes(to group: RouterGroup<Context>) {
        group.get(use: chat)
        group.get("events", use: events)
        group.post("events", use: addEvent)
        group.get("events/:eventId", use: event)
        group.get("info", use: info)
        group.get("info/visitorName", use: visitorName)
        group.get("info/visitorTyping", use: visitorTyping)
        group.get("info/agentTyping", use: agentTyping)
        group.putOrOverride("info/agentTyping", setAgentTyping)
        group.post("transfer", use: transfer)
        group.post("transferAccount", use: transferAccount)
        group.post("survey", use: survey)
        group.put("survey", use: survey)
    }

    /// `chat?chatSessionKeys=K1,K2&fromEventIds=E1,E2`: several chats at once. Keys and ids
    /// pair by position, each id the last event already received from that chat; a chat
    /// without an id (or with an empty one, `E1,,E3`) is read from its start. A key named
    /// twice is answered once, from the earlier of its ids. A key the agent may not see fails
    /// the request.
    @Sendable func chats(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let keys = Self.list(request.uri.queryParameters["chatSessionKeys"].map(String.init))
        guard !keys.isEmpty, !keys.contains("") else {
            throw APIError.badRequest("Query parameter 'chatSessionKeys' must list chat session keys separated by commas.")
        }
        guard keys.count <= chatsPerPoll else {
            throw APIError.badRequest("Query parameter 'chatSessionKeys' may name at most \(chatsPerPoll) chats.")
        }
        let lastSeen = try Self.list(request.uri.queryParameters["fromEventIds"].map(String.init)).map { text -> Int? in
            guard !text.isEmpty else { return nil }
            guard let id = Int(text), (-1...LPEvents.maxID).contains(id) else {
                throw APIError.badRequest("Query parameter 'fromEventIds' must list event ids separated by commas.")
            }
            return id
        }
        guard lastSeen.count <= keys.count else {
            throw APIError.badRequest("Query parameter 'fromEventIds' lists more ids than 'chatSessionKeys' lists chats.")
        }
        var order: [String] = []
        var fromByKey: [String: Int] = [:]
        for (index, key) in keys.enumerated() {
            let from = index < lastSeen.count ? (lastSeen[index] ?? -1) + 1 : 0
            if let known = fromByKey[key] {
                fromByKey[key] = min(known, from)
            } else {
                order.append(key)
                fromByKey[key] = from
            }
        }
        let directory = try await directory(for: principal)
        var chats: [LPNode] = []
        for key in order {
            let view = try await view(of: ChatID(key), from: fromByKey[key] ?? 0, directory: directory, for: principal)
            chats.append(LPChatResource.chat(view, links: links))
        }
        return request.livePersonFormat.response(.document("chats", .fields(["chat": .array(chats)])))
    }

    /// One chat with its events from `from` (an event id, inclusive) and its info.
    @Sendable func chat(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let view = try await view(of: chatID(context), from: request.livePersonEventID("from") ?? 0, for: principal)
        return request.livePersonFormat.response(.document("chat", LPChatResource.chat(view, links: links)))
    }

    @Sendable func events(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let view = try await view(of: chatID(context), from: request.livePersonEventID("from") ?? 0, for: principal)
        return request.livePersonFormat.response(.document("events", LPChatResource.events(view, links: links)))
    }

    @Sendable func event(_ request: Request, context: Context) async throws -> Response {
        let (principal, _) = try await agentSession(request, context)
        let text = try context.parameters.required("eventId")
        guard let id = Int(text), (0...LPEvents.maxID).contains(id) else { throw Self.noSuchEvent(text) }
        let view = try await view(of: chatID(context), from: id, for: principal)
        guard let event = view.events.first, event["id"]?.text == text else { throw Self.noSuchEvent(text) }
        return request.livePersonFormat.response(.document("event", event))
    }

    /// A line (`{"event": {"type": "line", "text": "..."}}`) or the end of the chat
    /// (`{"event": {"type": "state", "state": "ended"}}`).
    @Sendable func addEvent(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, links) = try await agentSession(request, context)
        let id = try chatID(context)
        let event = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("event")
        let type = event["type"]?.text ?? (event["state"] != nil ? "state" : "line")
        let (name, eventID): (String, Int)
        switch type {
        case "line":
            (name, eventID) = ("chatEventLocation", try await addLine(event, to: id, as: principal))
        case "state":
            guard event["state"]?.text == "ended" else { throw APIError.invalidField("state", reason: "can only be ended") }
            let ended = try await services.chats.close(id, as: principal)
            (name, eventID) = ("chatLocation", 2 * (ended.nextEventID - 1))
        default:
            throw APIError.invalidField("type", reason: "must be line or state")
        }
        let href = "\(links.chat(id))/events/\(eventID)"
        return request.livePersonFormat.response(LPLinks.location(name, href), status: .created, headers: [.location: href])
    }

    /// Sends a line and answers its event id. HTML is sent on as its text. An `ONLY_TO_REP`
    /// line is a note for the agents, which any agent who may see the chat can write.
    private func addLine(_ event: LPNode, to id: ChatID, as principal: Principal) async throws -> Int {
        guard let text = event["text"]?.text else { throw APIError.invalidField("text", reason: "is required") }
        let line: String = switch event["textType"]?.text ?? "plain" {
        case "plain": text
        case "html": LPHTMLText.plain(text)
        default: throw APIError.invalidField("textType", reason: "must be plain or html")
        }
        switch event["subType"]?.text ?? "REGULAR" {
        case "REGULAR": return 2 * (try await services.chats.send(line, clientMessageID: nil, to: id, as: principal)).event.id
        case "ONLY_TO_REP": return 2 * (try await services.chats.addNote(line, to: id, as: principal)).id
        default: throw APIError.invalidField("subType", reason: "must be REGULAR or ONLY_TO_REP")
        }
    }

    @Sendable func info(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let view = try await view(of: chatID(context), from: Int.max, for: principal)
        return request.livePersonFormat.response(.document("info", LPChatResource.info(view, links: links)))
    }

    @Sendable func visitorName(_ request: Request, context: Context) async throws -> Response {
        let (principal, _) = try await agentSession(request, context)
        let chat = try await services.chats.chat(chatID(context), for: principal)
        let visitor = try await services.chats.visitor(of: chat)
        return request.livePersonFormat.response(.document("visitorName", .string(visitor.name)))
    }

    @Sendable func visitorTyping(_ request: Request, context: Context) async throws -> Response {
        try await typing(request, context, name: "visitorTyping") { if case .visitor = $0 { true } else { false } }
    }

    @Sendable func agentTyping(_ request: Request, context: Context) async throws -> Response {
        try await typing(request, context, name: "agentTyping") { if case .agent = $0 { true } else { false } }
    }

    /// `{"agentTyping": "typing" | "not-typing"}`; "typing" lapses after a few seconds unless renewed.
    @Sendable func setAgentTyping(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, _) = try await agentSession(request, context)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes)
        let value = body["agentTyping"]?.text ?? body.text
        let isTyping: Bool = switch value {
        case "typing": true
        case "not-typing": false
        default: throw APIError.invalidField("agentTyping", reason: "must be typing or not-typing")
        }
        try await services.chats.setTyping(isTyping, in: chatID(context), as: principal)
        return request.livePersonFormat.response(.document("agentTyping", .string(isTyping ? "typing" : "not-typing")), status: .created)
    }

    /// `{"transfer": {"agent": {"id": N}} | {"skill": {"id": N}}, "text": "note"}`; the agent wins when both are named.
    @Sendable func transfer(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, _) = try await agentSession(request, context)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("transfer")
        let chat = try await services.chats.chat(chatID(context), for: principal)
        let target: TransferTarget
        if let agent = body["agent"]?["id"]?.text ?? body["agent"]?.text {
            let agents = try await services.directory.agents(by: .principal(principal))
            guard let match = agents.first(where: { $0.id.rawValue == agent || String(LPNumbers.number(of: $0.id)) == agent }) else {
                throw ChatError.agentNotFound(AgentID(agent))
            }
            target = .agent(match.id)
        } else if let skill = body["skill"]?["id"]?.text ?? body["skill"]?.text {
            guard let number = Int64(skill) else { throw APIError.invalidField("skill.id", reason: "must be a number") }
            target = .department(DepartmentID(number))
        } else {
            throw APIError.invalidField("transfer", reason: "must name an agent or a skill")
        }
        // A blank text is no note at all.
        let note = body["text"]?.text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        _ = try await services.chats.transfer(chat.id, to: target, note: note, as: principal)
        return Response(status: .ok)
    }

    /// This server holds one account, so a chat cannot move to another: a conflict with how
    /// the server is set up (409), not a 404, which a client would read as the chat being gone.
    @Sendable func transferAccount(_ request: Request, context: Context) async throws -> Response {
        _ = try await agentSession(request, context)
        throw APIError(
            status: .conflict, code: "not_supported",
            message: "This server has a single account; transfer to a skill or an agent instead."
        )
    }

    /// The visitor of a chat: name, address, language, page, device and country.
    @Sendable func visit(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let chat = try await services.chats.chat(chatID(context), for: principal)
        let details = services.insights.details(of: try await services.chats.visitor(of: chat))
        return request.livePersonFormat.response(.document("visit", LPVisitResource.visit(details, chat: chat, links: links)))
    }

    /// `{"survey": {"question": [{"id": "1", "answer": "..." | ["...", ...]}, ...]}}`, kept in the chat's log.
    @Sendable func survey(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, _) = try await agentSession(request, context)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("survey")
        let answers = try (body["question"]?.items ?? []).map { question in
            guard let id = question["id"]?.text else { throw APIError.invalidField("question.id", reason: "is required") }
            return SurveyAnswer(questionID: id, answers: (question["answer"]?.items ?? []).compactMap(\.text))
        }
        _ = try await services.chats.answerSurvey(answers, in: chatID(context), as: principal)
        return Response(status: .ok)
    }

    // MARK: Reading chats

    /// The agents and skills (departments) whose names a chat's events show.
    private func directory(for principal: Principal) async throws -> (agents: [AgentID: Agent], departments: [DepartmentID: Department]) {
        let agents = try await services.directory.agents(by: .principal(principal))
        let departments = try await services.directory.departments()
        return (Dictionary(uniqueKeysWithValues: agents.map { ($0.id, $0) }), Dictionary(uniqueKeysWithValues: departments.map { ($0.id, $0) }))
    }

    private func view(of id: ChatID, from: Int, for principal: Principal) async throws -> LPChatView {
        try await view(of: id, from: from, directory: directory(for: principal), for: principal)
    }

    private func view(
        of id: ChatID, from: Int, directory: (agents: [AgentID: Agent], departments: [DepartmentID: Department]), for principal: Principal
    ) async throws -> LPChatView {
        let chat = try await services.chats.chat(id, for: principal)
        let visitor = try await services.chats.visitor(of: chat)
        let names = LPNames(agents: directory.agents, departments: directory.departments, visitorName: visitor.name)
        let first = LPEvents.firstLogEvent(forID: from)
        let log = from > 2 * chat.nextEventID ? [] : try await services.chats.history(
            of: id, page: .after(first > 0 ? first - 1 : nil, limit: eventsPerAnswer), for: principal
        ).events
        let events = log.flatMap { LPEvents.render($0, names: names) }.filter { Int($0["id"]?.text ?? "") ?? 0 >= from }
        return LPChatView(
            chat: chat, visitor: visitor, names: names, events: events,
            nextID: log.last.map { max(from, 2 * ($0.id + 1)) } ?? min(from, 2 * chat.nextEventID),
            typists: try await services.chats.typists(in: id, for: principal),
            inactivityTimeout: settings.visitorInactivityTimeout, now: Date()
        )
    }

    private func typing(
        _ request: Request, _ context: Context, name: String, _ matches: (EventAuthor) -> Bool
    ) async throws -> Response {
        let (principal, _) = try await agentSession(request, context)
        let typists = try await services.chats.typists(in: chatID(context), for: principal)
        return request.livePersonFormat.response(.document(name, .string(typists.contains(where: matches) ? "typing" : "not-typing")))
    }

    private func chatID(_ context: Context) throws -> ChatID {
        ChatID(try context.parameters.required("chatId"))
    }

    /// A comma-separated list, positions kept: `a,,c` is `["a", "", "c"]`; nothing is `[]`.
    private static func list(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func noSuchEvent(_ id: String) -> APIError {
        APIError(status: .notFound, code: "event_not_found", message: "The chat has no event \(id).")
    }
}
