import Foundation

/// Editing and deleting one's own messages (see `ChatTransitions.edit` and `.delete`).
extension ChatService {
    /// The author of message `eventID` replaces its text, checked like a new line.
    public func editMessage(_ eventID: Int, in id: ChatID, to text: String, as principal: Principal) async throws -> ChatEvent {
        let text = try Validate.message(text, field: .messageText, limits: limits)
        try throttle.admitMessage(from: principal, in: id, at: now())
        let target = try await line(eventID, in: id, for: principal)
        let date = now()
        let update = try await log.update(id, at: date) { chat in
            try ChatTransitions.edit(target, to: text, in: chat, by: principal.author, at: date, maxEvents: limits.maxChatEvents)
        }
        return try update.lastEvent()
    }

    /// The author of message `eventID` withdraws it.
    public func deleteMessage(_ eventID: Int, in id: ChatID, as principal: Principal) async throws -> ChatEvent {
        try throttle.admitMessage(from: principal, in: id, at: now())
        let target = try await line(eventID, in: id, for: principal)
        let date = now()
        let update = try await log.update(id, at: date) { chat in
            try ChatTransitions.delete(target, in: chat, by: principal.author, at: date, maxEvents: limits.maxChatEvents)
        }
        return try update.lastEvent()
    }

    /// One event of a chat the caller may see, with its amendments folded in.
    func line(_ eventID: Int, in id: ChatID, for principal: Principal) async throws -> ChatEvent {
        _ = try await access.visibleChat(id, to: principal)
        guard eventID >= 0 else { throw ChatError.messageNotFound(id, eventID) }
        let found = try await store.events(of: id, page: .after(eventID - 1, limit: 1))
        let visible = EventFeed.visible(try await MessageAmendments(store: store).fold(found), to: principal)
        guard let event = visible.first, event.id == eventID else { throw ChatError.messageNotFound(id, eventID) }
        return event
    }

    /// The lines the events quote, per chat and event id, as the caller may see them now
    /// (edits applied, deleted text gone); a quoted line the caller may not see is left out.
    public func quotedLines(of events: [ChatEvent], for principal: Principal) async throws -> [ChatID: [Int: ChatEvent]] {
        var quoted: [ChatID: [Int: ChatEvent]] = [:]
        for event in events {
            guard let id = event.quotedEventID, quoted[event.chatID]?[id] == nil else { continue }
            let found = try await store.events(of: event.chatID, page: .after(id - 1, limit: 1))
            let visible = EventFeed.visible(try await MessageAmendments(store: store).fold(found), to: principal)
            if let line = visible.first, line.id == id { quoted[event.chatID, default: [:]][id] = line }
        }
        return quoted
    }
}
