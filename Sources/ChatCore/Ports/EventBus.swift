import Foundation

/// The chat facts a notice carries so listeners can tell, without a query, whether it concerns them.
public struct ChatAddress: Sendable, Equatable {
    public var chatID: ChatID
    public var departmentID: DepartmentID
    public var agentID: AgentID?
    /// The agent the chat is offered to, who may see it while the offer stands.
    public var offeredTo: AgentID?
    /// The chat's visitor, whose feeds the notice wakes.
    public var visitorID: VisitorID?

    public init(chatID: ChatID, departmentID: DepartmentID, agentID: AgentID?, offeredTo: AgentID? = nil, visitorID: VisitorID? = nil) {
        self.chatID = chatID
        self.departmentID = departmentID
        self.agentID = agentID
        self.offeredTo = offeredTo
        self.visitorID = visitorID
    }

    public init(_ chat: Chat) {
        self.init(
            chatID: chat.id, departmentID: chat.departmentID, agentID: chat.agentID, offeredTo: chat.offer?.agentID,
            visitorID: chat.visitorID
        )
    }
}

/// Someone started or stopped typing. Typing is pushed live and never stored.
public struct TypingNotice: Sendable, Equatable {
    public var chat: ChatAddress
    public var author: EventAuthor
    public var isTyping: Bool
    public var at: Date
    /// When a "typing" notice lapses unless renewed, so a client that goes silent (closed
    /// tab, lost connection) does not leave the other side watching "typing..." forever.
    public var expiresAt: Date?

    public init(chat: ChatAddress, author: EventAuthor, isTyping: Bool, at: Date, expiresAt: Date? = nil) {
        self.chat = chat
        self.author = author
        self.isTyping = isTyping
        self.at = at
        self.expiresAt = expiresAt
    }
}

/// What travels on the bus. Appended events are announced, not carried: a woken reader
/// fetches what it has not seen from the store by cursor, so no delivery can be lost or doubled.
public enum ChatNotice: Sendable, Equatable {
    case appended(ChatAddress, upTo: EventCursor)
    case typing(TypingNotice)
    /// An agent's status changed; agents and supervisors hear it, visitors do not.
    case presence(PresenceNotice)
    /// Something agents see of a visitor changed (a page, its status, an invitation): every
    /// agent hears it, and so does the visitor itself. Readers fetch the change from the store.
    case visitorChanged(VisitorID)
    /// A session stopped standing or an agent's rights changed: every listener hears it, and
    /// the open feeds it concerns end at once instead of serving the rights they started with.
    case access(AccessChange)
}

/// A change to who may read what, for feeds that outlive the request that authenticated them.
public enum AccessChange: Sendable, Equatable {
    /// The session was revoked (logout, or a reused refresh token).
    case sessionRevoked(SessionID)
    /// Every session of the agent but `except` was revoked (its password changed).
    case agentSessionsRevoked(AgentID, except: SessionID?)
    /// The agent's departments or admin flag changed: its feeds must be opened again.
    case agentRightsChanged(AgentID)

    /// How the change ends a feed opened by `principal`, or nil when it does not concern it.
    public func ending(feedOf principal: Principal) -> FeedEnding? {
        switch self {
        case .sessionRevoked(let session):
            return session == principal.session ? .sessionRevoked : nil
        case .agentSessionsRevoked(let agent, let kept):
            return principal.agent?.id == agent && principal.session != kept ? .sessionRevoked : nil
        case .agentRightsChanged(let agent):
            return principal.agent?.id == agent ? .rightsChanged : nil
        }
    }
}

/// Why an open feed ended before its reader stopped reading.
public enum FeedEnding: Error, Sendable, Equatable {
    /// The feed's session no longer stands: the reader must authenticate again.
    case sessionRevoked
    /// The reader's rights changed: it must open the feed again to read with its new rights.
    case rightsChanged
    /// A newer feed of the same session took this one's place (see `FeedRegistry`).
    case replaced
}

/// What a listener receives.
public enum ListenerSignal: Sendable, Equatable {
    case notice(ChatNotice)
    /// The wake-up a waiter scheduled for itself with `EventListener.wake(after:)`.
    case timeout
    /// A newer feed of the same session took this one's place (`EventListener.replace()`).
    case replaced
}

/// Wakes waiting readers (long-polls, WebSockets) when something happens in chats they may see.
/// `LocalEventBus` serves one instance; the storage's PostgreSQL bus (LISTEN/NOTIFY) serves
/// several sharing one database, without any change to its callers.
public protocol EventBus: Sendable {
    func publish(_ notice: ChatNotice) async
    /// Starts listening to notices about chats within `scope`. The listener stops listening
    /// once its signals are dropped or their iteration is cancelled.
    func listen(to scope: EventScope) -> EventListener
}

/// A live subscription to the bus.
public struct EventListener: Sendable {
    public let signals: AsyncStream<ListenerSignal>
    private let continuation: AsyncStream<ListenerSignal>.Continuation

    /// Makes a listener whose `signals` are fed through `continuation`; for bus implementations.
    public init(signals: AsyncStream<ListenerSignal>, continuation: AsyncStream<ListenerSignal>.Continuation) {
        self.signals = signals
        self.continuation = continuation
    }

    /// Schedules a `.timeout` signal; cancel the returned task if it is no longer needed.
    public func wake(after delay: Duration) -> Task<Void, Never> {
        let continuation = self.continuation
        return Task {
            try? await Task.sleep(for: delay)
            if !Task.isCancelled { continuation.deliver(.timeout) }
        }
    }

    /// Tells the listener's reader that a newer feed took its place.
    public func replace() {
        continuation.deliver(.replaced)
    }
}

extension AsyncStream<ListenerSignal>.Continuation {
    /// Yields `signal` into a listener's bounded buffer. Dropping the oldest signals of a
    /// reader that falls behind costs it only redundant wake-ups, except for an access change
    /// or a replacement, which nothing else would tell it: one pushed out goes back in at the
    /// newest end.
    public func deliver(_ signal: ListenerSignal) {
        var next = signal
        for _ in 0..<Self.redeliveryLimit {
            guard case .dropped(let lost) = yield(next), lost.mustReachItsReader else { return }
            next = lost
        }
    }

    /// Bounds the redelivery when a buffer holds nothing but access changes.
    private static var redeliveryLimit: Int { 256 }
}

extension EventScope {
    /// Whether a reader with this scope hears the notice.
    public func hears(_ notice: ChatNotice) -> Bool {
        switch notice {
        case .appended(let chat, _): covers(chat)
        case .typing(let typing): covers(typing.chat)
        case .presence: isAgents
        case .visitorChanged(let visitor):
            switch self {
            case .everything, .agent: true
            case .visitor(let own): own == visitor
            case .chat: false
            }
        case .access: true
        }
    }

    /// Whether the reader is an agent (or an admin): agents follow each other and every visitor.
    private var isAgents: Bool {
        switch self {
        case .everything, .agent: true
        case .chat, .visitor: false
        }
    }

    /// Whether a notice about `chat` concerns a reader with this scope.
    public func covers(_ chat: ChatAddress) -> Bool {
        switch self {
        case .everything: true
        case .chat(let id): chat.chatID == id
        case .visitor(let visitor): chat.visitorID == visitor
        case .agent(let agent, let departments):
            departments.contains(chat.departmentID) || chat.agentID == agent || chat.offeredTo == agent
        }
    }
}

extension ListenerSignal {
    fileprivate var mustReachItsReader: Bool {
        switch self {
        case .notice(.access), .replaced: true
        case .notice, .timeout: false
        }
    }
}
