import Foundation

/// Who is typing in which chat, as the typists last said, for faces that report typing as
/// a state rather than as pushed notices. Typing is ephemeral, so it lives in memory; an
/// entry lapses at its notice's expiry unless the typist renews it. Following the bus keeps
/// it current with typing reported through other instances too.
public actor TypingBoard {
    public init() {}

    /// Records every typing notice the bus carries, until the calling task is cancelled.
    public func follow(_ bus: any EventBus) async {
        for await signal in bus.listen(to: .everything).signals {
            if case .notice(.typing(let notice)) = signal {
                record(notice)
            }
        }
    }

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
