import Foundation

/// A name and value attached to a visitor: a custom variable the web page sets (Comm100's
/// `customVariableResults`) or an answer to the pre-chat form (`customFields`).
public struct CustomVariable: Sendable, Equatable, Codable {
    public var name: String
    public var value: String
    public var url: String

    public init(name: String, value: String = "", url: String = "") {
        self.name = name
        self.value = value
        self.url = url
    }
}

/// One page a visitor opened.
public struct PageView: Sendable, Equatable {
    public var url: String
    public var title: String
    public var referrer: String
    public var viewedAt: Date

    public init(url: String, title: String = "", referrer: String = "", viewedAt: Date) {
        self.url = url
        self.title = title
        self.referrer = referrer
        self.viewedAt = viewedAt
    }
}

/// An agent's (or a rule's) invitation to chat, and what the visitor made of it.
public struct Invitation: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// An agent invited the visitor.
        case manual
        /// An auto-invitation rule did.
        case auto
    }

    public enum Answer: String, Sendable {
        case pending
        case accepted
        case declined
    }

    public var kind: Kind
    public var answer: Answer
    public var at: Date
    /// The inviting agent; nil for a rule's invitation.
    public var by: AgentID?

    public init(kind: Kind, answer: Answer, at: Date, by: AgentID?) {
        self.kind = kind
        self.answer = answer
        self.at = at
        self.by = by
    }
}

/// What a visitor did on the site, as the store derives it from the visits and page views it
/// recorded: nothing here is counted by hand.
public struct VisitorActivity: Sendable, Equatable {
    public var visits: Int
    public var pageViews: Int
    public var chats: Int
    public var firstVisitAt: Date
    /// When the current (or last) visit started.
    public var visitStartedAt: Date
    public var lastSeenAt: Date
    /// The first page of the current visit, and the page that sent the visitor to it.
    public var landingPage: String?
    public var referrer: String?
    /// The page the visitor viewed last.
    public var currentPage: PageView?
    /// When the visitor last opened the pre-chat form.
    public var preChatAt: Date?
    public var invitation: Invitation?

    public init(
        visits: Int, pageViews: Int, chats: Int, firstVisitAt: Date, visitStartedAt: Date, lastSeenAt: Date,
        landingPage: String? = nil, referrer: String? = nil, currentPage: PageView? = nil, preChatAt: Date? = nil,
        invitation: Invitation? = nil
    ) {
        self.visits = visits
        self.pageViews = pageViews
        self.chats = chats
        self.firstVisitAt = firstVisitAt
        self.visitStartedAt = visitStartedAt
        self.lastSeenAt = lastSeenAt
        self.landingPage = landingPage
        self.referrer = referrer
        self.currentPage = currentPage
        self.preChatAt = preChatAt
        self.invitation = invitation
    }
}

/// A visitor with what it did and its current (or last) chat, as one read gives them.
public struct VisitorRecord: Sendable, Equatable {
    public var visitor: Visitor
    public var activity: VisitorActivity
    public var currentChat: Chat?
    /// Raised by every change agents see of the visitor, from one counter for all visitors:
    /// a feed that remembers the highest it read misses no change and reads each once.
    public var revision: Int64

    public init(visitor: Visitor, activity: VisitorActivity, currentChat: Chat?, revision: Int64 = 0) {
        self.visitor = visitor
        self.activity = activity
        self.currentChat = currentChat
        self.revision = revision
    }
}
