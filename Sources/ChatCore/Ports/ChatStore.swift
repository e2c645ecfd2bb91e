import Foundation

/// What a change to one chat does: a new state or agent, an offer made or withdrawn, and
/// the events that record it.
public struct ChatChange: Sendable, Equatable {
    public var state: ChatState?
    /// `.some(nil)` releases the chat's agent.
    public var agentID: AgentID??
    /// `.some(nil)` withdraws the chat's offer.
    public var offer: Offer??
    public var departmentID: DepartmentID?
    public var events: [EventDraft]

    public init(
        state: ChatState? = nil, agentID: AgentID?? = nil, offer: Offer?? = nil, departmentID: DepartmentID? = nil,
        events: [EventDraft]
    ) {
        self.state = state
        self.agentID = agentID
        self.offer = offer
        self.departmentID = departmentID
        self.events = events
    }
}

/// The result of `ChatStore.updateChat`.
public enum ChatUpdate: Sendable, Equatable {
    /// The change was committed.
    case applied(Chat, [ChatEvent])
    /// A message with the same client message id was already stored; nothing new was written.
    case replayed(Chat, ChatEvent)
}

/// Identifies a message by its author and the author's own id for it.
public struct ClientMessageKey: Sendable, Equatable {
    public var author: EventAuthor
    public var clientMessageID: String

    public init(author: EventAuthor, clientMessageID: String) {
        self.author = author
        self.clientMessageID = clientMessageID
    }
}

/// Which chats' events a reader may see.
public enum EventScope: Sendable, Equatable {
    /// Every chat (admins).
    case everything
    /// The chats of these departments, the chats this agent serves and the chats offered to it.
    /// `covers(_:)` is the rule; a store's event query says the same in its own language.
    case agent(AgentID, departments: Set<DepartmentID>)
    /// One chat (a reader who narrowed its feed to it).
    case chat(ChatID)
    /// Every chat of one visitor.
    case visitor(VisitorID)
}

/// Whose chat a new chat is.
public enum ChatVisitor: Sendable, Equatable {
    /// A visitor first seen with this chat, and the session its credentials open.
    case new(Visitor, NewSession)
    /// A visitor already known (it was tracked on the site first), with what it now gives.
    case known(VisitorID, VisitorUpdate)
}

/// Visitors, chats and their event logs.
public protocol ChatStore: Sendable {
    /// Stores a chat, its opening events and, for a new visitor, the visitor, its first visit
    /// and its session, in one transaction: a chat never exists without the credentials its
    /// visitor was given. A known visitor is updated in the same transaction; it may hold one
    /// open chat at a time (`ChatError.chatAlreadyOpen`), and an unknown one throws
    /// `ChatError.visitorNotFound`.
    func createChat(
        for visitor: ChatVisitor, chatID: ChatID, departmentID: DepartmentID, events: [EventDraft], at date: Date
    ) async throws -> (Chat, [ChatEvent])

    /// Changes one chat atomically. The store locks the chat, and if `replaying` names a
    /// message it already holds, returns it as `.replayed` without calling `decide`.
    /// Otherwise it calls `decide` with the current chat (which may throw to refuse the
    /// change), appends the events with the next per-chat ids and global cursors, and
    /// commits. Throws `ChatError.chatNotFound` for an unknown chat.
    func updateChat(
        _ id: ChatID, replaying key: ClientMessageKey?, at date: Date,
        _ decide: @Sendable (Chat) throws -> ChatChange
    ) async throws -> ChatUpdate

    func chat(_ id: ChatID) async throws -> Chat?
    /// Chats matching the query, oldest first.
    func chats(_ query: ChatQuery) async throws -> [Chat]
    func visitor(_ id: VisitorID) async throws -> Visitor?
    /// The visitor's open chat, or else its latest; nil when it has none.
    func currentChat(of visitor: VisitorID) async throws -> Chat?

    /// A window of one chat's log, oldest first.
    func events(of chat: ChatID, page: EventPage) async throws -> [ChatEvent]
    /// The events after `cursor` in the chats `scope` covers, in cursor order.
    func events(after cursor: EventCursor, in scope: EventScope, limit: Int) async throws -> [ChatEvent]
    /// The edit and delete events (`.messageEdited`, `.messageDeleted`) of the given lines, per
    /// chat by per-chat event id, in log order.
    func amendments(to messages: [ChatID: [Int]]) async throws -> [ChatEvent]
    /// The cursor of the newest committed event (`.start` when there is none).
    func latestCursor() async throws -> EventCursor

    /// Open chats whose visitor was neither seen (see `VisitorStore.visitorSeen`) nor wrote in
    /// the chat since `date`, and that started before it; never a channel contact's.
    func chatsWithVisitorsGone(since date: Date) async throws -> [Chat]
}
