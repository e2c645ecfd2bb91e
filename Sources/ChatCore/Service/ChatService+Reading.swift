import Foundation

/// What a chat's participants and agents read: chat lists, one chat, its visitor, its history.
extension ChatService {
    /// Chats an agent may see, filtered by state and department.
    public func chats(states: [ChatState], departmentID: DepartmentID?, limit: Int, for principal: Principal) async throws -> [Chat] {
        let limit = try Validate.pageSize(limit, limits: limits)
        guard let agent = principal.agent else {
            return try await store.chats(ChatQuery(states: states, visitorID: principal.visitorID, limit: limit))
        }
        var query = ChatQuery(states: states, limit: limit)
        if agent.isAdmin {
            query.departmentIDs = departmentID.map { [$0] }
        } else if let departmentID {
            guard agent.serves(departmentID) else {
                throw ChatError.forbidden(reason: "You do not serve department \(departmentID).")
            }
            query.departmentIDs = [departmentID]
        } else {
            query.departmentIDs = agent.departmentIDs
            query.agentID = agent.id
        }
        return try await store.chats(query)
    }

    /// The active chats the calling agent serves, oldest first.
    public func chatsServed(by principal: Principal) async throws -> [Chat] {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents serve chats.") }
        return try await store.chats(ChatQuery(states: [.active], agentID: agent.id, limit: limits.maxPageSize))
    }

    /// A visitor's current chat: its open one, or else its latest. Nil for agents and for
    /// visitors who have not asked for a chat yet.
    public func currentChat(for principal: Principal) async throws -> Chat? {
        guard let visitor = principal.visitorID else { return nil }
        return try await store.currentChat(of: visitor)
    }

    public func chat(_ id: ChatID, for principal: Principal) async throws -> Chat {
        try await access.visibleChat(id, to: principal)
    }

    public func visitor(of chat: Chat) async throws -> Visitor {
        guard let visitor = try await store.visitor(chat.visitorID) else { throw ChatError.chatNotFound(chat.id) }
        return visitor
    }

    /// A page of one chat's history, oldest first, and whether more lies beyond it.
    public func history(of id: ChatID, page: EventPage, for principal: Principal) async throws -> (events: [ChatEvent], hasMore: Bool) {
        // Ask for one more than the page holds, to learn whether there is more.
        let limit: Int
        let widened: EventPage
        switch page {
        case .after(let from, let size):
            limit = try Validate.pageSize(size, limits: limits)
            widened = .after(from, limit: limit + 1)
        case .before(let from, let size):
            limit = try Validate.pageSize(size, limits: limits)
            widened = .before(from, limit: limit + 1)
        }
        _ = try await access.visibleChat(id, to: principal)
        var events = try await store.events(of: id, page: widened)
        let hasMore = events.count > limit
        if hasMore {
            if case .after = page { events.removeLast() } else { events.removeFirst() }
        }
        // Edits and deletions show on the lines they change, not as entries of their own.
        let folded = try await MessageAmendments(store: store).fold(events).filter { !MessageAmendments.isAmendment($0) }
        return (EventFeed.visible(folded, to: principal), hasMore)
    }

    /// A page forward of the events the caller may see, after `after` (nil: from the start), and
    /// the id of the last event the page read, seen or not: a reader that resumes from it passes
    /// a page of events hidden from it (agents' notes and offers, for a visitor) instead of
    /// reading it again and again.
    public func visibleEvents(
        of id: ChatID, after: Int?, limit: Int, for principal: Principal
    ) async throws -> (events: [ChatEvent], readThrough: Int?) {
        let limit = try Validate.pageSize(limit, limits: limits)
        _ = try await access.visibleChat(id, to: principal)
        let events = try await store.events(of: id, page: .after(after, limit: limit))
        return (EventFeed.visible(events, to: principal), events.last?.id)
    }

    /// The display names of the events' authors (system events have none).
    /// The display name of the agent serving `chat`, for the visitor to read; nil while nobody serves it.
    public func agentName(of chat: Chat) async throws -> String? {
        guard let agent = chat.agentID else { return nil }
        return try await store.agent(agent)?.name
    }

    public func authorNames(of events: [ChatEvent]) async throws -> [EventAuthor: String] {
        try await names(of: Set(events.map(\.author)))
    }

    /// The display names of these authors (the system has none).
    public func names(of authors: Set<EventAuthor>) async throws -> [EventAuthor: String] {
        var names: [EventAuthor: String] = [:]
        for author in authors {
            switch author {
            case .visitor(let id): names[author] = try await store.visitor(id)?.name
            case .agent(let id): names[author] = try await store.agent(id)?.name
            case .system: break
            }
        }
        return names
    }
}
