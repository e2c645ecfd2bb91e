import Foundation
import Synchronization

/// How fast each session may write: token buckets for messages and for typing notices,
/// and a one-second memory of typing states so that a repeated notice wakes nobody. The
/// rules live in the core, so every face that sends through `ChatService` obeys them.
final class ChatThrottle: Sendable {
    private struct TypingKey: Hashable {
        let chat: ChatID
        let author: EventAuthor
    }

    private struct TypingState {
        let isTyping: Bool
        let at: Date
    }

    private struct TypingMemory {
        var states: [TypingKey: TypingState] = [:]
        /// Past this many entries, stale ones are dropped; doubling it after each sweep keeps
        /// sweeps rare when many people type at once.
        var sweepAt = 1024
    }

    /// A repeated typing state within this long is not published again.
    static let typingEchoWindow: TimeInterval = 1

    private let messages: TokenBuckets<SessionID>
    private let typing: TokenBuckets<SessionID>
    private let memory = Mutex(TypingMemory())

    init(limits: ChatLimits) {
        messages = TokenBuckets(perMinute: limits.messagesPerMinute, burst: limits.messageBurst)
        typing = TokenBuckets(perMinute: limits.typingPerMinute, burst: limits.typingBurst)
    }

    /// Counts one message (a line, a note, a survey) of the principal's session, or throws
    /// `ChatError.rateLimited` with the seconds until the next is allowed. A message ends
    /// its author's typing, so the next typing notice is news again.
    func admitMessage(from principal: Principal, in chat: ChatID, at date: Date) throws {
        if let seconds = messages.take(principal.session, at: date) { throw ChatError.rateLimited(retryAfter: seconds) }
        memory.withLock { _ = $0.states.removeValue(forKey: TypingKey(chat: chat, author: principal.author)) }
    }

    /// Whether a typing notice is news worth publishing: false when its author said the same
    /// in the same chat less than a second ago. News counts against the session's typing
    /// bucket, and throws `ChatError.rateLimited` past it.
    func admitTyping(_ notice: TypingNotice, from session: SessionID) throws -> Bool {
        let key = TypingKey(chat: notice.chat.chatID, author: notice.author)
        let date = notice.at
        let isEcho = memory.withLock { memory in
            guard let last = memory.states[key] else { return false }
            return last.isTyping == notice.isTyping && date.timeIntervalSince(last.at) < Self.typingEchoWindow
        }
        if isEcho { return false }
        if let seconds = typing.take(session, at: date) { throw ChatError.rateLimited(retryAfter: seconds) }
        memory.withLock { memory in
            if memory.states.count >= memory.sweepAt {
                memory.states = memory.states.filter { date.timeIntervalSince($0.value.at) < Self.typingEchoWindow }
                memory.sweepAt = max(1024, memory.states.count * 2)
            }
            memory.states[key] = TypingState(isTyping: notice.isTyping, at: date)
        }
        return true
    }
}
