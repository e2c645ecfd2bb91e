import ChatCore
import Foundation
import Hummingbird

/// The visitor's chat: its events, its info, lines, typing and the visitor's name.
extension LivePersonVisitorController {
    /// The chat with its events from `?from=` (an event id, inclusive) and its info.
    @Sendable func chat(_ request: Request, context: Context) async throws -> Response {
        let (view, href) = try await chatView(request, context, from: request.livePersonEventID("from") ?? 0)
        return request.livePersonFormat.response(.document("chat", LPVisitorChatResource.chat(view, href: href)))
    }

    @Sendable func events(_ request: Request, context: Context) async throws -> Response {
        let (view, href) = try await chatView(request, context, from: request.livePersonEventID("from") ?? 0)
        return request.livePersonFormat.response(.document("events", LPVisitorChatResource.events(view, href: href)))
    }

    @Sendable func event(_ request: Request, context: Context) async throws -> Response {
        let text = try context.parameters.required("eventId")
        guard let id = Int(text), (0...LPEvents.maxID).contains(id) else { throw Self.noSuchEvent(text) }
        let (view, _) = try await chatView(request, context, from: id)
        guard let event = view.events.first, event["id"]?.text == text else { throw Self.noSuchEvent(text) }
        return request.livePersonFormat.response(.document("event", event))
    }

    /// A line (`{"event": {"@type": "line", "text": "..."}}`) or the end of the chat
    /// (`{"event": {"@type": "state", "state": "ended"}}`) → 201, with the event's URI.
    @Sendable func addEvent(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, chat, key) = try await visitorChat(context)
        let event = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("event")
        let href = chatURI(request, key: key)
        let (name, location): (String, String)
        switch event["type"]?.text ?? (event["state"] != nil ? "state" : "line") {
        case "line":
            guard let text = event["text"]?.text else { throw APIError.invalidField("text", reason: "is required") }
            let line: String = switch event["textType"]?.text ?? "plain" {
            case "plain": text
            case "html": LPHTMLText.plain(text)
            default: throw APIError.invalidField("textType", reason: "must be plain or html")
            }
            let sent = try await services.chats.send(line, clientMessageID: nil, to: chat.id, as: principal)
            (name, location) = ("chatEventLocation", "\(href)/events/\(2 * sent.event.id)")
        case "state":
            guard event["state"]?.text == "ended" else { throw APIError.invalidField("state", reason: "can only be ended") }
            _ = try await services.chats.close(chat.id, as: principal)
            (name, location) = ("chatLocation", href)
        default:
            throw APIError.invalidField("type", reason: "must be line or state")
        }
        return request.livePersonFormat.response(LPLinks.location(name, location), status: .created, headers: [.location: location])
    }

    @Sendable func info(_ request: Request, context: Context) async throws -> Response {
        let (view, href) = try await chatView(request, context, from: Int.max)
        return request.livePersonFormat.response(.document("info", LPChatResource.info(view, href: href, skill: view.names.departments[view.chat.departmentID])))
    }

    @Sendable func visitorName(_ request: Request, context: Context) async throws -> Response {
        let (_, chat, _) = try await visitorChat(context)
        let visitor = try await services.chats.visitor(of: chat)
        return request.livePersonFormat.response(.document("visitorName", .string(visitor.name)))
    }

    /// `{"visitorName": "..."}`: the name agents see from now on.
    @Sendable func setVisitorName(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, _, _) = try await visitorChat(context)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes)
        guard let name = body["visitorName"]?.text ?? body.text else { throw APIError.invalidField("visitorName", reason: "is required") }
        let renamed = try await services.visitors.rename(to: name, as: principal)
        return request.livePersonFormat.response(.document("visitorName", .string(renamed.record.visitor.name)))
    }

    @Sendable func visitorTyping(_ request: Request, context: Context) async throws -> Response {
        try await typing(request, context, name: "visitorTyping") { if case .visitor = $0 { true } else { false } }
    }

    @Sendable func agentTyping(_ request: Request, context: Context) async throws -> Response {
        try await typing(request, context, name: "agentTyping") { if case .agent = $0 { true } else { false } }
    }

    /// `{"visitorTyping": "typing" | "not-typing"}`; "typing" lapses after a few seconds unless renewed.
    @Sendable func setVisitorTyping(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, chat, _) = try await visitorChat(context)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes)
        let isTyping: Bool = switch body["visitorTyping"]?.text ?? body.text {
        case "typing": true
        case "not-typing": false
        default: throw APIError.invalidField("visitorTyping", reason: "must be typing or not-typing")
        }
        try await services.chats.setTyping(isTyping, in: chat.id, as: principal)
        return request.livePersonFormat.response(.document("visitorTyping", .string(isTyping ? "typing" : "not-typing")))
    }

    private func typing(_ request: Request, _ context: Context, name: String, _ matches: (EventAuthor) -> Bool) async throws -> Response {
        let (principal, chat, _) = try await visitorChat(context)
        let typists = try await services.chats.typists(in: chat.id, for: principal)
        return request.livePersonFormat.response(.document(name, .string(typists.contains(where: matches) ? "typing" : "not-typing")))
    }

    // MARK: Reading the chat

    /// The chat's events from LivePerson id `from` on, numbered as the agent side numbers them;
    /// the visitor's history leaves out what only agents see.
    private func chatView(_ request: Request, _ context: Context, from: Int) async throws -> (LPChatView, href: String) {
        let (principal, chat, key) = try await visitorChat(context)
        let visitor = try await services.chats.visitor(of: chat)
        let first = LPEvents.firstLogEvent(forID: from)
        let (log, readThrough) = from > 2 * chat.nextEventID ? ([], nil) : try await services.chats.visibleEvents(
            of: chat.id, after: first > 0 ? first - 1 : nil, limit: eventsPerAnswer, for: principal
        )
        var agentNames: [AgentID: String] = [:]
        for (author, name) in try await services.chats.authorNames(of: log) {
            if case .agent(let id) = author { agentNames[id] = name }
        }
        if let serving = chat.agentID, agentNames[serving] == nil { agentNames[serving] = try await services.chats.agentName(of: chat) }
        let skill = try await services.directory.department(chat.departmentID)
        let names = LPNames(agents: [:], departments: [skill.id: skill], visitorName: visitor.name, agentNames: agentNames)
        let events = log.flatMap { LPEvents.render($0, names: names) }.filter { Int($0["id"]?.text ?? "") ?? 0 >= from }
        let view = LPChatView(
            chat: chat, visitor: visitor, names: names, events: events,
            nextID: readThrough.map { max(from, 2 * ($0 + 1)) } ?? min(from, 2 * chat.nextEventID),
            typists: try await services.chats.typists(in: chat.id, for: principal),
            inactivityTimeout: settings.visitorInactivityTimeout, now: Date()
        )
        return (view, chatURI(request, key: key))
    }

    private static func noSuchEvent(_ id: String) -> APIError {
        APIError(status: .notFound, code: "event_not_found", message: "The chat has no event \(id).")
    }
}
