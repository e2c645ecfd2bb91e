import ChatCore
import Foundation

/// The absolute URLs of one agent session's resources.
struct LPLinks {
    /// `{scheme}://{host}/api/account/{accountId}/agentSession/{agentSessionId}`.
    let session: String

    func chat(_ id: ChatID) -> String { "\(session)/chat/\(id.rawValue)" }

    /// A chat's visit: in Parley every chat is its own visit, so it is named by the chat's key.
    func visit(_ id: ChatID) -> String { "\(session)/visits/visit/\(id.rawValue)" }

    static func link(_ href: String, _ rel: String) -> LPNode {
        .element(attributes: ["href": .string(href), "rel": .string(rel)])
    }

    /// `{"<name>Location": {"link": {"href": ..., "rel": "location"}}}`, LivePerson's answer to a create.
    static func location(_ name: String, _ href: String) -> LPNode {
        .document(name, .fields(["link": link(href, "location")]))
    }
}

/// The LivePerson documents of a chat: the resource with its events and info.
enum LPChatResource {
    static func chat(_ view: LPChatView, links: LPLinks) -> LPNode {
        let chat = links.chat(view.chat.id)
        return .fields([
            "link": .array([
                LPLinks.link(chat, "self"),
                LPLinks.link("\(chat)/events", "events"),
                LPLinks.link("\(chat)/info", "info"),
                LPLinks.link("\(chat)?from=\(view.nextID)", "next"),
                LPLinks.link(links.visit(view.chat.id), "visit-id"),
                LPLinks.link("\(chat)/transfer", "transfer"),
                LPLinks.link("\(chat)/transferAccount", "transfer-account"),
                LPLinks.link("\(chat)/survey", "agent-survey"),
            ]),
            "events": events(view, links: links),
            "info": info(view, links: links),
        ])
    }

    static func events(_ view: LPChatView, links: LPLinks) -> LPNode {
        let events = "\(links.chat(view.chat.id))/events"
        return .fields([
            "link": .array([LPLinks.link(events, "self"), LPLinks.link("\(events)?from=\(view.nextID)", "next")]),
            "event": .array(view.events),
        ])
    }

    static func info(_ view: LPChatView, links: LPLinks) -> LPNode {
        info(view, href: links.chat(view.chat.id))
    }

    /// The chat's info at `{chat}/info`, the same for agents and visitors; the visitor side
    /// also names the chat's `skill`.
    static func info(_ view: LPChatView, href chat: String, skill: Department? = nil) -> LPNode {
        let info = "\(chat)/info"
        let state = view.chat
        let isEnded = state.state == .ended
        let typing = { (isTyping: Bool) in LPNode.string(isTyping ? "typing" : "not-typing") }
        return .fields([
            "link": .array([
                LPLinks.link(info, "self"),
                LPLinks.link("\(info)/visitorName", "visitor-name"),
                LPLinks.link("\(info)/visitorTyping", "visitor-typing"),
                LPLinks.link("\(info)/agentTyping", "agent-typing"),
            ]),
            "state": .string(LPEvents.state(state.state)),
            "chatSessionKey": .string(state.id.rawValue),
            "skillName": skill.map { .string($0.name) },
            "skillId": skill.map { .number($0.id.rawValue) },
            "agentName": state.agentID.flatMap(view.names.knownAgentName).map(LPNode.string),
            "agentId": state.agentID.map { .number(LPNumbers.number(of: $0)) },
            "startTime": .string(state.createdAt.livePersonTime),
            "duration": .number(Int64(max(0, (isEnded ? state.updatedAt : view.now).timeIntervalSince(state.createdAt)))),
            // The chat times out `chatTimeout` seconds after `lastUpdate`, the visitor's last sign of life.
            "lastUpdate": .string((isEnded ? state.updatedAt : state.visitorLastActiveAt).livePersonTime),
            "chatTimeout": .number(isEnded ? 0 : view.inactivityTimeout.components.seconds),
            "visitorId": .number(LPNumbers.number(of: view.visitor.id)),
            "agentTyping": typing(view.typists.contains { if case .agent = $0 { true } else { false } }),
            "visitorTyping": typing(view.typists.contains { if case .visitor = $0 { true } else { false } }),
            "visitorName": .string(view.visitor.name),
            "rtSessionId": .number(state.number),
        ])
    }
}

/// What the visitor's connection tells about them: the resource behind a chat's `visit-id` link.
enum LPVisitResource {
    static func visit(_ details: VisitorDetails, chat: Chat, links: LPLinks) -> LPNode {
        let visitor = details.visitor
        return .fields([
            "link": .array([LPLinks.link(links.visit(chat.id), "self"), LPLinks.link(links.chat(chat.id), "chat")]),
            "visitorId": .number(LPNumbers.number(of: visitor.id)),
            "visitorName": .string(visitor.name),
            "startTime": .string(chat.createdAt.livePersonTime),
            "ipAddress": visitor.profile.ipAddress.map(LPNode.string),
            "language": visitor.profile.language.map(LPNode.string),
            "pageUrl": visitor.profile.sourceURL.map(LPNode.string),
            "userAgent": visitor.profile.userAgent.map(LPNode.string),
            "browser": details.device.browser.map(LPNode.string),
            "browserVersion": details.device.browserMajorVersion.map(LPNode.string),
            "operatingSystem": details.device.platform.map(LPNode.string),
            "deviceType": details.device.deviceType.map { .string($0.rawValue) },
            "country": details.geo.map { .string($0.country) },
            "countryCode": details.geo.map { .string($0.countryCode) },
        ])
    }
}
