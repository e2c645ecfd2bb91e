import Foundation

/// Folds edits and deletions into the lines they change, so every reader is served each line
/// with its latest text, marked edited or deleted; a deleted line's words are served nowhere
/// (nor those of its earlier edits).
struct MessageAmendments: Sendable {
    let store: any ChatStore

    /// `events` with their lines' amendments applied (one store read, for lines only).
    func fold(_ events: [ChatEvent]) async throws -> [ChatEvent] {
        var targets: [ChatID: [Int]] = [:]
        for event in events {
            switch event.body {
            case .message: targets[event.chatID, default: []].append(event.id)
            case .messageEdited(let target, _): targets[event.chatID, default: []].append(target)
            default: continue
            }
        }
        guard !targets.isEmpty else { return events }
        return Self.fold(events, with: try await store.amendments(to: targets))
    }

    /// The pure part: `amendments` in log order, applied to `events`.
    static func fold(_ events: [ChatEvent], with amendments: [ChatEvent]) -> [ChatEvent] {
        struct Key: Hashable { let chat: ChatID; let id: Int }
        var latest: [Key: (text: String?, mark: MessageAmendment)] = [:]
        for amendment in amendments {
            switch amendment.body {
            case .messageEdited(let target, let text):
                let key = Key(chat: amendment.chatID, id: target)
                if case .deleted = latest[key]?.mark { continue }
                latest[key] = (text, .edited(at: amendment.createdAt))
            case .messageDeleted(let target):
                latest[Key(chat: amendment.chatID, id: target)] = (nil, .deleted(at: amendment.createdAt))
            default: continue
            }
        }
        guard !latest.isEmpty else { return events }
        return events.map { event in
            var event = event
            switch event.body {
            case .message:
                guard let (text, mark) = latest[Key(chat: event.chatID, id: event.id)] else { return event }
                event.body = .message(text ?? "")
                event.amendment = mark
            case .messageEdited(let target, _):
                if case .deleted = latest[Key(chat: event.chatID, id: target)]?.mark {
                    event.body = .messageEdited(of: target, text: "")
                }
            default: break
            }
            return event
        }
    }

    /// Whether the event only records a change to another line (history shows it folded in).
    static func isAmendment(_ event: ChatEvent) -> Bool {
        switch event.body {
        case .messageEdited, .messageDeleted: true
        default: false
        }
    }
}
