import Foundation

/// Editing and deleting a message: new events that point at the line they change, so the log
/// stays append-only and every reader learns of the change in order.
extension ChatTransitions {
    /// How long after it was sent a message may still be edited or deleted.
    public static let amendWindow: Duration = .seconds(86_400)

    /// The author of `target` replaces its text; `target` is read with its amendments folded in.
    public static func edit(
        _ target: ChatEvent, to text: String, in chat: Chat, by author: EventAuthor, at date: Date, maxEvents: Int
    ) throws -> ChatChange {
        try checkAmendable(target, in: chat, by: author, at: date)
        try checkRoom(in: chat, maxEvents: maxEvents)
        return ChatChange(events: [EventDraft(author: author, body: .messageEdited(of: target.id, text: text))])
    }

    /// The author of `target` withdraws it; `target` is read with its amendments folded in.
    public static func delete(
        _ target: ChatEvent, in chat: Chat, by author: EventAuthor, at date: Date, maxEvents: Int
    ) throws -> ChatChange {
        try checkAmendable(target, in: chat, by: author, at: date)
        try checkRoom(in: chat, maxEvents: maxEvents)
        return ChatChange(events: [EventDraft(author: author, body: .messageDeleted(of: target.id))])
    }

    /// Only a line of text or a file is quoted, and never once deleted.
    static func checkQuotable(_ quoted: ChatEvent) throws {
        switch quoted.body {
        case .message, .attachment: break
        default: throw ChatError.invalidField(field: .quotedMessage, reason: "must name a line or a file of the chat")
        }
        if case .deleted = quoted.amendment {
            throw ChatError.invalidField(field: .quotedMessage, reason: "names a deleted line")
        }
    }

    /// Only a line of text, only by its author, only while the chat is open, within
    /// `amendWindow` of its sending, and never once deleted.
    static func checkAmendable(_ target: ChatEvent, in chat: Chat, by author: EventAuthor, at date: Date) throws {
        if chat.state == .ended { throw ChatError.chatEnded(chat.id) }
        guard case .message = target.body else {
            throw ChatError.messageNotAmendable(chat.id, target.id, reason: "it is not a line of text")
        }
        guard target.author == author else {
            throw ChatError.forbidden(reason: "Only its author may edit or delete a message.")
        }
        if case .deleted = target.amendment {
            throw ChatError.messageNotAmendable(chat.id, target.id, reason: "it was deleted")
        }
        guard date <= target.createdAt.adding(amendWindow) else {
            throw ChatError.messageNotAmendable(chat.id, target.id, reason: "it was sent more than 24 hours ago")
        }
    }
}
