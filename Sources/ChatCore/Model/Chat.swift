import Foundation

/// Where a chat is in its life: waiting in its department's queue, served by an agent, being
/// transferred, or over.
public enum ChatState: String, Sendable, CaseIterable {
    case queued
    case active
    /// Handed by its agent to another agent or department, waiting to be accepted there.
    case transferring
    case ended
}

/// Who ended a chat.
public enum ChatEnder: String, Sendable {
    case visitor
    case agent
    /// The system: the visitor left (was gone too long).
    case system

    public init(_ author: EventAuthor) {
        self = switch author {
        case .visitor: .visitor
        case .agent: .agent
        case .system: .system
        }
    }
}

/// A conversation between one visitor and the agents of a department.
/// Its history is its event log; this is the chat's current summary.
public struct Chat: Sendable, Equatable {
    public var id: ChatID
    /// A human ticket number, unique and increasing (e.g. for "[#912414]" subjects).
    public var number: Int64
    public var departmentID: DepartmentID
    public var visitorID: VisitorID
    public var state: ChatState
    /// The agent who joined the chat, if any.
    public var agentID: AgentID?
    /// The agent a queued chat is offered to, and since when.
    public var offer: Offer?
    /// The per-chat id the next event will get; also the number of events so far.
    public var nextEventID: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// When the visitor last wrote in the chat, if since the start. Its presence on the site
    /// (a sync, an open WebSocket, a page view) is its visitor's, not the chat's.
    public var visitorSeenAt: Date?
    /// Who ended the chat, once it ended.
    public var endedBy: ChatEnder?
    /// When the chat ended, once it ended.
    public var endedAt: Date?
    /// When an agent first joined the chat; nil while nobody has served it.
    public var servedAt: Date?
    /// When its visitor rated it; nil until then (a chat is rated once).
    public var ratedAt: Date?

    public init(
        id: ChatID, number: Int64, departmentID: DepartmentID, visitorID: VisitorID, state: ChatState,
        agentID: AgentID?, offer: Offer? = nil, nextEventID: Int, createdAt: Date, updatedAt: Date, visitorSeenAt: Date? = nil,
        endedBy: ChatEnder? = nil, endedAt: Date? = nil, servedAt: Date? = nil, ratedAt: Date? = nil
    ) {
        self.endedAt = endedAt
        self.servedAt = servedAt
        self.ratedAt = ratedAt
        self.id = id
        self.number = number
        self.departmentID = departmentID
        self.visitorID = visitorID
        self.state = state
        self.agentID = agentID
        self.offer = offer
        self.nextEventID = nextEventID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.visitorSeenAt = visitorSeenAt
        self.endedBy = endedBy
    }

    /// An agent ended the chat before anyone joined it: the operator refused it.
    public var wasRefused: Bool {
        state == .ended && agentID == nil && endedBy == .agent
    }

    /// The visitor's last sign of life in the chat.
    public var visitorLastActiveAt: Date {
        max(visitorSeenAt ?? createdAt, createdAt)
    }
}

/// A queued chat offered to one agent, who may accept it until the offer times out.
public struct Offer: Sendable, Equatable {
    public var agentID: AgentID
    public var at: Date

    public init(agentID: AgentID, at: Date) {
        self.agentID = agentID
        self.at = at
    }
}

/// Which chats a listing returns.
public struct ChatQuery: Sendable, Equatable {
    public var states: [ChatState]
    public var departmentIDs: [DepartmentID]?
    public var agentID: AgentID?
    /// One visitor's chats only.
    public var visitorID: VisitorID?
    public var limit: Int

    public init(
        states: [ChatState] = [], departmentIDs: [DepartmentID]? = nil, agentID: AgentID? = nil, visitorID: VisitorID? = nil,
        limit: Int = 100
    ) {
        self.states = states
        self.departmentIDs = departmentIDs
        self.agentID = agentID
        self.visitorID = visitorID
        self.limit = limit
    }
}
