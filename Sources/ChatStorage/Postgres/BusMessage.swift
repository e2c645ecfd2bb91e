import ChatCore
import Foundation

/// A `ChatNotice` as it travels between instances in a NOTIFY payload (JSON, well under
/// PostgreSQL's 8000-byte limit: no message text travels, only who and where).
struct BusMessage: Codable, Equatable {
    enum Kind: String, Codable {
        case appended, typing, presence, access, visitor
    }

    var origin: String
    var kind: Kind
    var chatID: String?
    var departmentID: Int64?
    var agentID: String?
    var offeredTo: String?
    /// The chat's visitor, or (for `visitor`) the visitor that changed.
    var visitorID: String?
    var cursor: Int64?
    var authorKind: String?
    var authorID: String?
    var isTyping: Bool?
    /// Milliseconds since 1970.
    var at: Int64?
    var expiresAt: Int64?
    var status: String?
    var awayReason: String?
    /// For `access`: which change (`session`, `agentSessions`, `agentRights`) and the session it names.
    var change: String?
    var sessionID: String?

    init(_ notice: ChatNotice, origin: String) {
        self.origin = origin
        switch notice {
        case .appended(let chat, let upTo):
            kind = .appended
            address(chat)
            cursor = upTo.rawValue
        case .typing(let typing):
            kind = .typing
            address(typing.chat)
            (authorKind, authorID) = typing.author.columns
            isTyping = typing.isTyping
            at = typing.at.millisecondsSince1970
            expiresAt = typing.expiresAt?.millisecondsSince1970
        case .presence(let presence):
            kind = .presence
            agentID = presence.agentID.rawValue
            status = presence.status.availability.rawValue
            awayReason = presence.status.awayReason
            at = presence.at.millisecondsSince1970
        case .visitorChanged(let visitor):
            kind = .visitor
            visitorID = visitor.rawValue
        case .access(let access):
            kind = .access
            switch access {
            case .sessionRevoked(let session):
                (change, sessionID) = ("session", session.rawValue)
            case .agentSessionsRevoked(let agent, let kept):
                (change, agentID, sessionID) = ("agentSessions", agent.rawValue, kept?.rawValue)
            case .agentRightsChanged(let agent):
                (change, agentID) = ("agentRights", agent.rawValue)
            }
        }
    }

    init?(payload: String) {
        guard let message = try? JSONDecoder().decode(BusMessage.self, from: Data(payload.utf8)) else { return nil }
        self = message
    }

    var payload: String? {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The notice, or nil for a payload this version does not understand.
    var notice: ChatNotice? {
        switch kind {
        case .appended:
            guard let chat = chatAddress, let cursor else { return nil }
            return .appended(chat, upTo: EventCursor(cursor))
        case .typing:
            guard let chat = chatAddress, let isTyping, let at else { return nil }
            return .typing(TypingNotice(
                chat: chat, author: EventAuthor(columns: authorKind, id: authorID), isTyping: isTyping, at: Date(millisecondsSince1970: at),
                expiresAt: expiresAt.map(Date.init(millisecondsSince1970:))
            ))
        case .presence:
            guard let agentID, let status, let availability = Availability(rawValue: status), let at else { return nil }
            return .presence(PresenceNotice(
                agentID: AgentID(agentID), status: AgentStatus(availability, awayReason: awayReason), at: Date(millisecondsSince1970: at)
            ))
        case .visitor:
            return visitorID.map { .visitorChanged(VisitorID($0)) }
        case .access:
            return accessChange.map(ChatNotice.access)
        }
    }

    private var accessChange: AccessChange? {
        switch (change, agentID, sessionID) {
        case ("session", _, let session?): .sessionRevoked(SessionID(session))
        case ("agentSessions", let agent?, let kept): .agentSessionsRevoked(AgentID(agent), except: kept.map { SessionID($0) })
        case ("agentRights", let agent?, _): .agentRightsChanged(AgentID(agent))
        default: nil
        }
    }

    private var chatAddress: ChatAddress? {
        guard let chatID, let departmentID else { return nil }
        return ChatAddress(
            chatID: ChatID(chatID), departmentID: DepartmentID(departmentID), agentID: agentID.map(AgentID.init(rawValue:)),
            offeredTo: offeredTo.map(AgentID.init(rawValue:)), visitorID: visitorID.map(VisitorID.init(rawValue:))
        )
    }

    private mutating func address(_ chat: ChatAddress) {
        chatID = chat.chatID.rawValue
        departmentID = chat.departmentID.rawValue
        agentID = chat.agentID?.rawValue
        offeredTo = chat.offeredTo?.rawValue
        visitorID = chat.visitorID?.rawValue
    }
}
