import ChatCore
import Foundation

extension Date {
    /// Milliseconds since 1970, as XM writes every time.
    var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// `2020-10-01T22:03:20.721+0000`, as XM writes a message's date.
    var xmDate: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
        return formatter.string(from: self)
    }
}

extension IPTPWire.Message {
    /// XM's entry types.
    enum EntryType {
        static let text = 1, image = 2, audio = 3, video = 4, file = 20, joined = 5, left = 6
    }

    /// The entry of one event. An edit or a deletion reads as the line it changed, marked
    /// `updated` or `deleted`, which is how XM's sync tells its clients of the change.
    init(_ event: ChatEvent, names: [EventAuthor: String]) {
        var messageID = event.id
        var (type, kind, text, state, file): (Int, String, String?, String?, File?) = (EntryType.text, "TEXT", nil, nil, nil)
        var (updated, deleted, isInternal) = (false, false, false)
        switch event.body {
        case .message(let line): text = line
        case .joined: (type, kind, text) = (EntryType.joined, "JOIN", names[event.author] ?? "")
        case .stateChanged(.ended): (type, kind, state) = (EntryType.left, "STATE", ChatState.ended.rawValue)
        case .stateChanged(let changed): (kind, state) = ("STATE", changed.rawValue)
        case .offered: kind = "OFFER"
        case .offerWithdrawn(_, let ending): (kind, state) = ("OFFER_WITHDRAWN", ending.rawValue)
        case .transferred(_, let note): (kind, text) = ("TRANSFER", note)
        case .notice(let notice): (kind, text) = ("NOTICE", notice.text)
        case .surveyAnswered: kind = "SURVEY"
        case .note(let line): (kind, text, isInternal) = ("NOTE", line, true)
        // XM has no ratings: the guest's rating reads as a line.
        case .rated(let rating):
            (kind, text) = ("RATING", rating.comment.map { "Rated \(rating.score) of 5: \($0)" } ?? "Rated \(rating.score) of 5")
        case .attachment(let attachment):
            type = Self.entryType(of: attachment)
            (kind, text) = ("FILE", attachment.line)
            file = File(id: attachment.id.rawValue, filename: attachment.name, size: attachment.size, type: type)
        case .messageEdited(let target, let line): (messageID, text, updated) = (target, line, true)
        case .messageDeleted(let target): (messageID, text, deleted) = (target, "", true)
        }
        switch event.amendment {
        case .edited: updated = true
        case .deleted: deleted = true
        case nil: break
        }
        let isGuest = if case .visitor = event.author { true } else { false }
        let senderName = names[event.author]
        self.init(
            id: Key(messageId: messageID, chatId: event.chatID.rawValue),
            sender: Sender(id: event.author.participantID, name: senderName ?? (event.author == .system ? "System" : "")),
            message: text ?? "", msgDate: event.createdAt.xmDate, type: type, uploaded: file != nil, updated: updated,
            deleted: deleted, internal: isInternal, sequence: messageID, file: file, kind: kind, chatId: event.chatID.rawValue,
            text: text, state: state, senderId: event.author.participantID, senderName: senderName, fromGuest: isGuest,
            clientId: event.clientMessageID, created: event.createdAt.epochMilliseconds
        )
    }

    private static func entryType(of attachment: Attachment) -> Int {
        if attachment.contentType.hasPrefix("image/") { return EntryType.image }
        if attachment.contentType.hasPrefix("audio/") { return EntryType.audio }
        if attachment.contentType.hasPrefix("video/") { return EntryType.video }
        return EntryType.file
    }
}

extension IPTPWire {
    /// The entries of `events`, each with the line it quotes (from `quotes`, see `ChatService.quotedLines`).
    static func messages(_ events: [ChatEvent], quotes: [ChatID: [Int: ChatEvent]], names: [EventAuthor: String]) -> [Message] {
        events.map { event in
            var message = Message(event, names: names)
            if let id = event.quotedEventID, let line = quotes[event.chatID]?[id] {
                message.quotedMessage = QuotedMessage(Message(line, names: names))
            }
            return message
        }
    }
}

extension IPTPWire.TypingNotice {
    init(_ notice: ChatCore.TypingNotice) {
        self.init(chatId: notice.chat.chatID.rawValue, senderId: notice.author.participantID, typing: notice.isTyping)
    }
}

extension IPTPWire {
    /// The chat's subject as XM shows it: "{department}: {guest} [#{ticket}]".
    static func subject(department: Department, visitor: Visitor, chat: Chat) -> String {
        "\(department.name): \(visitor.name) [#\(chat.number)]"
    }
}
