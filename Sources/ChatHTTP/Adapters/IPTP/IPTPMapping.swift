import ChatCore
import Foundation

extension Date {
    /// Milliseconds since 1970, as XM writes every time.
    var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}

extension IPTPWire.Message {
    init(_ event: ChatEvent, names: [EventAuthor: String]) {
        let (type, text, state): (String, String?, String?) = switch event.body {
        case .message(let text): ("TEXT", text, nil)
        case .joined: ("JOIN", nil, nil)
        case .stateChanged(let state): ("STATE", nil, state.rawValue)
        case .offered: ("OFFER", nil, nil)
        case .offerWithdrawn(_, let ending): ("OFFER_WITHDRAWN", nil, ending.rawValue)
        case .transferred(_, let note): ("TRANSFER", note, nil)
        case .notice(let notice): ("NOTICE", notice.text, nil)
        case .surveyAnswered: ("SURVEY", nil, nil)
        case .note(let text): ("NOTE", text, nil)
        // XM has no ratings: the guest's rating reads as a line its clients show as text.
        case .rated(let rating): ("RATING", rating.comment.map { "Rated \(rating.score) of 5: \($0)" } ?? "Rated \(rating.score) of 5", nil)
        // XM's clients know lines only: the file shows as a line naming it.
        case .attachment(let attachment): ("TEXT", attachment.line, nil)
        }
        var isGuest = false
        if case .visitor = event.author { isGuest = true }
        self.init(
            id: event.id, chatId: event.chatID.rawValue, type: type, text: text, state: state, senderId: event.author.participantID,
            senderName: names[event.author], fromGuest: isGuest, clientId: event.clientMessageID,
            created: event.createdAt.epochMilliseconds
        )
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
