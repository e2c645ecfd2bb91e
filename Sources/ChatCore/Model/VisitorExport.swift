import Foundation

/// One visit of a visitor to the site: the page it landed on and what sent it there.
public struct Visit: Sendable, Equatable {
    /// 1 for the first visit, then counting up.
    public var number: Int
    public var startedAt: Date
    public var landingPage: String?
    public var referrer: String?

    public init(number: Int, startedAt: Date, landingPage: String?, referrer: String?) {
        self.number = number
        self.startedAt = startedAt
        self.landingPage = landingPage
        self.referrer = referrer
    }
}

/// A page view with the visit it belongs to.
public struct VisitPageView: Sendable, Equatable {
    public var visit: Int
    public var view: PageView

    public init(visit: Int, view: PageView) {
        self.visit = visit
        self.view = view
    }
}

/// A chat with its whole event log, oldest first.
public struct ChatTranscript: Sendable, Equatable {
    public var chat: Chat
    public var events: [ChatEvent]

    public init(chat: Chat, events: [ChatEvent]) {
        self.chat = chat
        self.events = events
    }
}

/// Everything stored about one visitor, as a data-subject access request hands it over: the
/// visitor with its activity, visits, page views, chats with their logs, and its login
/// sessions (never a token or its hash).
public struct VisitorExport: Sendable, Equatable {
    public var record: VisitorRecord
    public var visits: [Visit]
    public var pageViews: [VisitPageView]
    public var chats: [ChatTranscript]
    public var sessions: [Session]

    public init(record: VisitorRecord, visits: [Visit], pageViews: [VisitPageView], chats: [ChatTranscript], sessions: [Session]) {
        self.record = record
        self.visits = visits
        self.pageViews = pageViews
        self.chats = chats
        self.sessions = sessions
    }
}
