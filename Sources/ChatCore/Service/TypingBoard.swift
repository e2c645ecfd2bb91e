import Foundation

/// Who is typing in which chat, as the typists last said, for faces that report typing as
/// a state rather than as pushed notices. Typing is ephemeral, so it lives in memory; an
/// entry lapses at its notice's expiry unless the typist renews it.
actor TypingBoard {
    private var typists: [ChatID: [EventAuthor: Date]] = [:]
    private var recordsSincePrune = 0

    func record(_ notice: TypingNotice) {
        let chat = notice.chat.chatID
        if notice.isTyping, let expiresAt = notice.expiresAt {
            typists[chat, default: [:]][notice.author] = expiresAt
        } else {
            stopped(notice.author, in: chat)
        }
        recordsSincePrune += 1
        if recordsSincePrune >= 1000 {
            prune(at: notice.at)
        }
    }

    func stopped(_ author: EventAuthor, in chat: ChatID) {
        typists[chat]?[author] = nil
        if typists[chat]?.isEmpty == true { typists[chat] = nil }
    }

    func typists(in chat: ChatID, at date: Date) -> Set<EventAuthor> {
        Set((typists[chat] ?? [:]).filter { $0.value > date }.keys)
    }

    /// Drops lapsed entries, so chats nobody asks about do not hold memory.
    private func prune(at date: Date) {
        recordsSincePrune = 0
        for (chat, authors) in typists {
            let live = authors.filter { $0.value > date }
            typists[chat] = live.isEmpty ? nil : live
        }
    }
}
