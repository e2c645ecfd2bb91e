import Foundation

/// Who caused an event.
public enum EventAuthor: Sendable, Equatable, Hashable {
    case visitor(VisitorID)
    case agent(AgentID)
    case system

    /// The visitor's or agent's id; nil for the system.
    public var participantID: String? {
        switch self {
        case .visitor(let id): id.rawValue
        case .agent(let id): id.rawValue
        case .system: nil
        }
    }
}

/// What happened. Lines of text, state changes and joins all live in one log.
public enum EventBody: Sendable, Equatable {
    case message(String)
    case stateChanged(ChatState)
    /// The author (an agent) joined the chat.
    case joined
    /// Routing offered the chat to this agent. Seen by agents only.
    case offered(AgentID)
    /// The offer to this agent ended unaccepted, and why. Seen by agents only.
    case offerWithdrawn(AgentID, OfferEnding)
    /// The author handed the chat to another agent or department, with a note for them.
    /// Seen by agents only.
    case transferred(TransferTarget, note: String?)
    /// Something the system tells both sides, in its own words per face.
    case notice(SystemNotice)
    /// The serving agent's answers to the agent survey (wrap-up form). Seen by agents only.
    case surveyAnswered([SurveyAnswer])
    /// A line from one agent to the others in the chat (a tip, a whisper). Seen by agents only.
    case note(String)
    /// The visitor's rating of the chat (1 to 5) and its optional comment. Seen by both sides.
    case rated(ChatRating)
    /// A file the author posted in the chat; its bytes are read apart (`AttachmentStore`).
    case attachment(Attachment)
    /// The author replaced the text of its message `of` (a per-chat event id). Seen by both sides.
    case messageEdited(of: Int, text: String)
    /// The author withdrew its message `of`; its text is no longer served. Seen by both sides.
    case messageDeleted(of: Int)

    /// Whether only agents see this event (visitors' feeds and history leave it out).
    public var isForAgentsOnly: Bool {
        switch self {
        case .offered, .offerWithdrawn, .transferred, .surveyAnswered, .note: true
        case .message, .stateChanged, .joined, .notice, .attachment, .rated, .messageEdited, .messageDeleted: false
        }
    }
}

/// Why an offer ended without the agent accepting it.
public enum OfferEnding: String, Sendable, CaseIterable {
    case declined
    case timedOut = "timed_out"
    /// The agent went away or offline, or left the chat's department.
    case agentUnavailable = "agent_unavailable"
    /// Another agent took the chat.
    case takenByAnother = "taken_by_another"

    /// Whether the agent passed on the chat itself, so routing offers it to someone else first.
    public var isPass: Bool { self == .declined || self == .timedOut }
}

/// A typed system line. Each face words it (and numbers it, where its vendor does).
public enum SystemNotice: String, Sendable, CaseIterable {
    /// The visitor went silent and disconnected past the inactivity timeout.
    case visitorLeft = "visitor_left"

    /// The English wording, for faces that carry plain text.
    public var text: String {
        switch self {
        case .visitorLeft: "The chat ended because the visitor left."
        }
    }
}

/// A visitor's rating of its chat: a score from 1 (worst) to 5 (best) and an optional comment.
public struct ChatRating: Sendable, Equatable {
    public static let scores = 1...5

    public var score: Int
    public var comment: String?

    public init(score: Int, comment: String?) {
        self.score = score
        self.comment = comment
    }
}

/// One question of an agent survey and the answers given to it (several for a multiple choice).
public struct SurveyAnswer: Sendable, Equatable, Codable {
    public var questionID: String
    public var answers: [String]

    public init(questionID: String, answers: [String]) {
        self.questionID = questionID
        self.answers = answers
    }
}

/// One entry of a chat's append-only event log.
public struct ChatEvent: Sendable, Equatable {
    public var chatID: ChatID
    /// The per-chat id: 0, 1, 2, ... in the order the chat's events were committed.
    public var id: Int
    /// The global position, used to resume a feed across all chats.
    public var cursor: EventCursor
    public var author: EventAuthor
    public var body: EventBody
    /// The sender's own id for a message, which makes retries idempotent.
    public var clientMessageID: String?
    public var createdAt: Date
    /// For a message read back from history or a feed: whether it was edited or deleted since
    /// (its body then holds its latest text, or no text once deleted). Nil as committed.
    public var amendment: MessageAmendment?
    /// The line of the same chat a message quotes, by its per-chat event id.
    public var quotedEventID: Int?

    public init(
        chatID: ChatID, id: Int, cursor: EventCursor, author: EventAuthor, body: EventBody,
        clientMessageID: String?, createdAt: Date, amendment: MessageAmendment? = nil, quotedEventID: Int? = nil
    ) {
        self.amendment = amendment
        self.quotedEventID = quotedEventID
        self.chatID = chatID
        self.id = id
        self.cursor = cursor
        self.author = author
        self.body = body
        self.clientMessageID = clientMessageID
        self.createdAt = createdAt
    }
}

/// What became of a message after it was sent.
public enum MessageAmendment: Sendable, Equatable {
    /// Its author replaced its text (the latest edit at `at`).
    case edited(at: Date)
    /// Its author withdrew it at `at`.
    case deleted(at: Date)
}

/// Where a chat is transferred to.
public enum TransferTarget: Sendable, Equatable {
    case agent(AgentID)
    case department(DepartmentID)
}

/// An event before it is stored: the store gives it its ids.
public struct EventDraft: Sendable, Equatable {
    public var author: EventAuthor
    public var body: EventBody
    public var clientMessageID: String?
    /// The line of the same chat a message quotes.
    public var quotedEventID: Int?

    public init(author: EventAuthor, body: EventBody, clientMessageID: String? = nil, quotedEventID: Int? = nil) {
        self.author = author
        self.body = body
        self.clientMessageID = clientMessageID
        self.quotedEventID = quotedEventID
    }
}

/// A window of one chat's events, by per-chat event id.
public enum EventPage: Sendable, Equatable {
    /// Events with an id greater than `id` (or from the start), oldest first.
    case after(Int?, limit: Int)
    /// Events with an id lower than `id` (or the latest), returned oldest first.
    case before(Int?, limit: Int)
}
