/// Which past chats an agent looks for: those whose visitor lines, agent lines, visitor name
/// or email hold `text` (folded by `SearchText`), or one visitor's, newest first.
public struct ChatSearch: Sendable, Equatable {
    /// Folded; nil lists without searching.
    public var text: String?
    public var visitorID: VisitorID?
    public var departmentID: DepartmentID?
    public var states: [ChatState]
    /// Whose chats the caller may see.
    public var scope: EventScope
    /// Only chats numbered below this (the last number of the previous page).
    public var before: Int64?
    public var limit: Int

    public init(
        text: String?, visitorID: VisitorID? = nil, departmentID: DepartmentID? = nil, states: [ChatState] = [], scope: EventScope,
        before: Int64? = nil, limit: Int
    ) {
        self.text = text
        self.visitorID = visitorID
        self.departmentID = departmentID
        self.states = states
        self.scope = scope
        self.before = before
        self.limit = limit
    }
}

/// A chat a search found, with its first matching line (nil when only its visitor matched, or
/// no text was searched) and who its visitor is.
public struct ChatSearchHit: Sendable, Equatable {
    public var chat: Chat
    public var matchedLine: String?
    public var visitorName: String
    public var visitorEmail: String

    public init(chat: Chat, matchedLine: String?, visitorName: String, visitorEmail: String) {
        self.chat = chat
        self.matchedLine = matchedLine
        self.visitorName = visitorName
        self.visitorEmail = visitorEmail
    }
}

/// A chat found, with up to 160 characters around its first hit.
public struct ChatMatch: Sendable, Equatable {
    public var chat: Chat
    public var excerpt: String?

    public init(chat: Chat, excerpt: String?) {
        self.chat = chat
        self.excerpt = excerpt
    }
}
