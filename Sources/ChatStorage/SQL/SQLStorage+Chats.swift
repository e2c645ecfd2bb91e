import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func createChat(
        for visitor: ChatVisitor, chatID: ChatID, departmentID: DepartmentID, events: [EventDraft], at date: Date
    ) async throws -> (Chat, [ChatEvent]) {
        let kind = backend.kind
        return try await backend.write { db in
            let department = try await db.raw("SELECT id FROM departments WHERE id = \(bind: departmentID.rawValue) \(unsafeRaw: kind.lockRows)").first()
            guard department != nil else { throw ChatError.departmentNotFound(departmentID) }
            let visitorID: VisitorID
            switch visitor {
            case .new(let new, let session):
                try await Self.insert(new, landing: nil, in: db)
                try await Self.insert(session, in: db)
                visitorID = new.id
            case .known(let id, let update):
                try await Self.prepareChat(of: id, applying: update, kind: kind, in: db)
                try await Self.markSeen(id, at: date, in: db)
                visitorID = id
            }
            let number = try await Self.advanceCounter("chat_number", by: 1, in: db)
            let ms = date.millisecondsSince1970
            try await db.raw("""
                INSERT INTO chats (id, number, department_id, visitor_id, state, agent_id, next_event_id, created_at, updated_at)
                VALUES (\(bind: chatID.rawValue), \(bind: number), \(bind: departmentID.rawValue), \(bind: visitorID.rawValue),
                        \(bind: ChatState.queued.rawValue), NULL, \(bind: events.count), \(bind: ms), \(bind: ms))
                """).run()
            var chat = Chat(
                id: chatID, number: number, departmentID: departmentID, visitorID: visitorID, state: .queued,
                agentID: nil, nextEventID: 0, createdAt: Date(millisecondsSince1970: ms), updatedAt: Date(millisecondsSince1970: ms)
            )
            let stored = try await Self.append(events, to: &chat, at: date, in: db)
            try await Self.touch(visitorID, in: db)
            return (chat, stored)
        }
    }

    /// Locks a known visitor for its new chat: it must exist and hold no open chat. Then
    /// stores what its pre-chat form gave.
    private static func prepareChat(of visitor: VisitorID, applying update: VisitorUpdate, kind: SQLBackendKind, in db: any SQLDatabase) async throws {
        guard StoredKey.canExist(visitor.rawValue),
              try await db.raw("SELECT id FROM visitors WHERE id = \(bind: visitor.rawValue) \(unsafeRaw: kind.lockRows)").first() != nil
        else { throw ChatError.visitorNotFound(visitor) }
        let open = try await db.raw("""
            SELECT id FROM chats WHERE visitor_id = \(bind: visitor.rawValue) AND state IN ('queued', 'active', 'transferring') LIMIT 1
            """).first()
        if let open {
            throw ChatError.chatAlreadyOpen(ChatID(try open.decode(column: "id", as: String.self)))
        }
        try await db.raw("""
            UPDATE visitors SET name = COALESCE(\(bind: update.name), name), email = COALESCE(\(bind: update.email), email),
                   form_fields = COALESCE(\(bind: update.formFields.map(Rows.json)), form_fields)
            WHERE id = \(bind: visitor.rawValue)
            """).run()
        if update.name != nil || update.email != nil {
            try await refreshSearchText(of: visitor, in: db)
        }
    }

    public func updateChat(
        _ id: ChatID, replaying key: ClientMessageKey?, at date: Date,
        _ decide: @Sendable (Chat) throws -> ChatChange
    ) async throws -> ChatUpdate {
        guard StoredKey.canExist(id.rawValue) else { throw ChatError.chatNotFound(id) }
        let kind = backend.kind
        return try await backend.write { db in
            try await Self.update(id, replaying: key, at: date, kind: kind, in: db, decide)
        }
    }

    /// `updateChat` inside a transaction the caller holds.
    static func update(
        _ id: ChatID, replaying key: ClientMessageKey?, at date: Date, kind: SQLBackendKind, in db: any SQLDatabase,
        _ decide: @Sendable (Chat) throws -> ChatChange
    ) async throws -> ChatUpdate {
        let row = try await db.raw("SELECT * FROM chats WHERE id = \(bind: id.rawValue) \(unsafeRaw: kind.lockRows)").first()
        guard let row else { throw ChatError.chatNotFound(id) }
        var chat = try Rows.chat(row)
        if let key, let existing = try await Self.event(matching: key, in: id, db: db) {
            return .replayed(chat, existing)
        }
        let events = try await Self.apply(try decide(chat), to: &chat, at: date, in: db)
        return .applied(chat, events)
    }

    public func chat(_ id: ChatID) async throws -> Chat? {
        guard StoredKey.canExist(id.rawValue) else { return nil }
        return try await backend.read { db in
            try await db.raw("SELECT * FROM chats WHERE id = \(bind: id.rawValue)").first().map(Rows.chat)
        }
    }

    public func chats(_ query: ChatQuery) async throws -> [Chat] {
        try await backend.read { db in
            var sql: SQLQueryString = "SELECT * FROM chats WHERE 1 = 1"
            if !query.states.isEmpty {
                sql += " AND state IN (\(binds: query.states.map(\.rawValue)))"
            }
            if let visitor = query.visitorID {
                sql += " AND visitor_id = \(bind: visitor.rawValue)"
            }
            switch (query.departmentIDs, query.agentID) {
            case (let departments?, let agent?) where !departments.isEmpty:
                sql += " AND (department_id IN (\(binds: departments.map(\.rawValue))) OR agent_id = \(bind: agent.rawValue))"
            case (let departments?, nil) where !departments.isEmpty:
                sql += " AND department_id IN (\(binds: departments.map(\.rawValue)))"
            case (_, let agent?):
                sql += " AND agent_id = \(bind: agent.rawValue)"
            case (.some, nil):
                return []
            case (nil, nil):
                break
            }
            sql += " ORDER BY created_at, number LIMIT \(bind: query.limit)"
            return try await db.raw(sql).all().map(Rows.chat)
        }
    }

    public func currentChat(of visitor: VisitorID) async throws -> Chat? {
        guard StoredKey.canExist(visitor.rawValue) else { return nil }
        return try await backend.read { db in
            try await db.raw("""
                SELECT * FROM chats WHERE visitor_id = \(bind: visitor.rawValue)
                ORDER BY CASE WHEN state = 'ended' THEN 1 ELSE 0 END, created_at DESC, number DESC LIMIT 1
                """).first().map(Rows.chat)
        }
    }

    public func visitor(_ id: VisitorID) async throws -> Visitor? {
        guard StoredKey.canExist(id.rawValue) else { return nil }
        return try await backend.read { db in
            try await db.raw("SELECT * FROM visitors WHERE id = \(bind: id.rawValue)").first().map(Rows.visitor)
        }
    }

    public func events(of chat: ChatID, page: EventPage) async throws -> [ChatEvent] {
        guard StoredKey.canExist(chat.rawValue) else { return [] }
        return try await backend.read { db in
            switch page {
            case .after(let id, let limit):
                return try await db.raw("""
                    SELECT * FROM chat_events WHERE chat_id = \(bind: chat.rawValue) AND event_id > \(bind: id ?? -1)
                    ORDER BY event_id LIMIT \(bind: limit)
                    """).all().map(Rows.event)
            case .before(let id, let limit):
                return try await db.raw("""
                    SELECT * FROM chat_events WHERE chat_id = \(bind: chat.rawValue) AND event_id < \(bind: id ?? Int.max)
                    ORDER BY event_id DESC LIMIT \(bind: limit)
                    """).all().map(Rows.event).reversed()
            }
        }
    }

    public func events(after cursor: EventCursor, in scope: EventScope, limit: Int) async throws -> [ChatEvent] {
        try await backend.read { db in
            let sql: SQLQueryString
            switch scope {
            case .everything:
                sql = "SELECT * FROM chat_events WHERE cursor > \(bind: cursor.rawValue) ORDER BY cursor LIMIT \(bind: limit)"
            case .chat(let chat):
                sql = """
                    SELECT * FROM chat_events WHERE chat_id = \(bind: chat.rawValue) AND cursor > \(bind: cursor.rawValue)
                    ORDER BY cursor LIMIT \(bind: limit)
                    """
            case .visitor(let visitor):
                sql = """
                    SELECT e.* FROM chat_events e JOIN chats c ON c.id = e.chat_id
                    WHERE c.visitor_id = \(bind: visitor.rawValue) AND e.cursor > \(bind: cursor.rawValue)
                    ORDER BY e.cursor LIMIT \(bind: limit)
                    """
            case .agent(let agent, let departments):
                // EventScope.covers(_:) in SQL: the agent's departments, its chats, its offers.
                let own: SQLQueryString = "c.agent_id = \(bind: agent.rawValue) OR c.offered_to = \(bind: agent.rawValue)"
                let visible: SQLQueryString = departments.isEmpty
                    ? "(\(own))"
                    : "(c.department_id IN (\(binds: departments.sorted().map(\.rawValue))) OR \(own))"
                sql = """
                    SELECT e.* FROM chat_events e JOIN chats c ON c.id = e.chat_id
                    WHERE e.cursor > \(bind: cursor.rawValue) AND \(visible)
                    ORDER BY e.cursor LIMIT \(bind: limit)
                    """
            }
            return try await db.raw(sql).all().map(Rows.event)
        }
    }

    public func latestCursor() async throws -> EventCursor {
        try await backend.read { db in
            let row = try await db.raw("SELECT COALESCE(MAX(cursor), 0) AS latest FROM chat_events").first()
            return EventCursor(try row.unwrap().decode(column: "latest", as: Int64.self))
        }
    }

    public func chatsWithVisitorsGone(since date: Date) async throws -> [Chat] {
        let ms = date.millisecondsSince1970
        return try await backend.read { db in
            // Gone: neither seen (its visitor's presence) nor heard (a message of its visitor,
            // or the chat's start) since `date`. A channel contact holds no connection to be
            // seen by, so its chat never goes this way: its channel (or an agent) ends it.
            try await db.raw("""
                SELECT chats.* FROM chats JOIN visitors v ON v.id = chats.visitor_id
                WHERE chats.state IN ('queued', 'active', 'transferring')
                  AND COALESCE(chats.visitor_seen_at, chats.created_at) < \(bind: ms)
                  AND COALESCE(v.last_seen_at, 0) < \(bind: ms)
                  AND NOT EXISTS (
                    SELECT 1 FROM chat_events e
                    WHERE e.chat_id = chats.id AND e.author_kind = 'visitor' AND e.created_at >= \(bind: ms))
                  AND NOT EXISTS (SELECT 1 FROM channel_contacts cc WHERE cc.visitor_id = chats.visitor_id)
                ORDER BY chats.created_at LIMIT 500
                """).all().map(Rows.chat)
        }
    }

    // MARK: Writing the log

    /// Applies a change to a locked chat: its fields, then its events.
    static func apply(_ change: ChatChange, to chat: inout Chat, at date: Date, in db: any SQLDatabase) async throws -> [ChatEvent] {
        let before = (chat.state, chat.agentID)
        if let state = change.state {
            if state == .ended, chat.state != .ended {
                chat.endedBy = change.events.first { $0.body == .stateChanged(.ended) }.map { ChatEnder($0.author) }
            }
            chat.state = state
        }
        if let agent = change.agentID { chat.agentID = agent }
        if let offer = change.offer { chat.offer = offer }
        if let department = change.departmentID { chat.departmentID = department }
        let events = try await append(change.events, to: &chat, at: date, in: db)
        if change.events.contains(where: { if case .visitor = $0.author { true } else { false } }) {
            chat.visitorSeenAt = chat.updatedAt
        }
        if chat.state == .ended, chat.endedAt == nil { chat.endedAt = chat.updatedAt }
        if chat.servedAt == nil, change.events.contains(where: { $0.body == .joined }) { chat.servedAt = chat.updatedAt }
        if chat.ratedAt == nil, change.events.contains(where: { if case .rated = $0.body { true } else { false } }) {
            chat.ratedAt = chat.updatedAt
        }
        try await db.raw("""
            UPDATE chats SET state = \(bind: chat.state.rawValue), agent_id = \(bind: chat.agentID?.rawValue),
                   visitor_seen_at = \(bind: chat.visitorSeenAt?.millisecondsSince1970), ended_by = \(bind: chat.endedBy?.rawValue),
                   ended_at = \(bind: chat.endedAt?.millisecondsSince1970), served_at = \(bind: chat.servedAt?.millisecondsSince1970),
                   rated_at = \(bind: chat.ratedAt?.millisecondsSince1970),
                   department_id = \(bind: chat.departmentID.rawValue),
                   offered_to = \(bind: chat.offer?.agentID.rawValue), offered_at = \(bind: chat.offer?.at.millisecondsSince1970),
                   next_event_id = \(bind: chat.nextEventID), updated_at = \(bind: chat.updatedAt.millisecondsSince1970)
            WHERE id = \(bind: chat.id.rawValue)
            """).run()
        if before != (chat.state, chat.agentID) {
            // What the visitor is doing changed (waiting, chatting, transferred, done).
            try await touch(chat.visitorID, in: db)
        }
        return events
    }

    /// Appends events with the chat's next ids and the next global cursors. Taking the
    /// cursors from a counter row locks it until commit, so cursors become visible in order.
    private static func append(_ drafts: [EventDraft], to chat: inout Chat, at date: Date, in db: any SQLDatabase) async throws -> [ChatEvent] {
        guard !drafts.isEmpty else { return [] }
        let last = try await advanceCounter("event_cursor", by: drafts.count, in: db)
        let ms = date.millisecondsSince1970
        var events: [ChatEvent] = []
        for (offset, draft) in drafts.enumerated() {
            let event = ChatEvent(
                chatID: chat.id, id: chat.nextEventID + offset,
                cursor: EventCursor(last - Int64(drafts.count) + 1 + Int64(offset)),
                author: draft.author, body: draft.body, clientMessageID: draft.clientMessageID,
                createdAt: Date(millisecondsSince1970: ms), quotedEventID: draft.quotedEventID
            )
            let author = draft.author.columns
            let body = draft.body.columns
            try await db.raw("""
                INSERT INTO chat_events
                    (cursor, chat_id, event_id, kind, author_kind, author_id, text, state, target_agent_id, target_department_id,
                     client_message_id, created_at, search_text, quoted_event_id)
                VALUES (\(bind: event.cursor.rawValue), \(bind: chat.id.rawValue), \(bind: event.id), \(bind: body.kind),
                        \(bind: author.kind), \(bind: author.id), \(bind: body.text), \(bind: body.state), \(bind: body.target),
                        \(bind: body.targetDepartment),
                        \(bind: draft.clientMessageID), \(bind: ms), \(bind: eventSearchText(draft)), \(bind: draft.quotedEventID))
                """).run()
            events.append(event)
        }
        chat.nextEventID += drafts.count
        chat.updatedAt = Date(millisecondsSince1970: ms)
        return events
    }

    static func advanceCounter(_ name: String, by amount: Int, in db: any SQLDatabase) async throws -> Int64 {
        let row = try await db.raw("""
            UPDATE counters SET value = value + \(bind: amount) WHERE name = \(bind: name) RETURNING value
            """).first()
        return try row.unwrap().decode(column: "value", as: Int64.self)
    }

    private static func event(matching key: ClientMessageKey, in chat: ChatID, db: any SQLDatabase) async throws -> ChatEvent? {
        let author = key.author.columns
        return try await db.raw("""
            SELECT * FROM chat_events
            WHERE chat_id = \(bind: chat.rawValue) AND author_kind = \(bind: author.kind) AND author_id = \(bind: author.id)
              AND client_message_id = \(bind: key.clientMessageID)
            """).first().map(Rows.event)
    }
}
