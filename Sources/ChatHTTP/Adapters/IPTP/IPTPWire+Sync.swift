import Foundation
import ChatCore
import Hummingbird

/// XM's sync answer: its messages and typing events, and the other event lists its client
/// reads, which Parley has nothing for (invites, mutes, reactions, labels, pins, tags).
extension IPTPWire {
    struct SyncResponse: ResponseCodable {
        let messages: [Message]
        let userTypingEvents: [TypingEvent]
        /// Where the next sync starts (pass it back as `lastSyncedAt`; the server also remembers it).
        let lastSyncedAt: Int64
        /// For an agent syncing one chat: when its guest was last seen on the site (page views
        /// and heartbeats), which XM's client shows as "online" or "last seen". Absent otherwise.
        let partnerLastTimeActivity: String?
        let userReadChatEvents: [String]
        let newInviteEvents: [String]
        let acceptInviteEvents: [String]
        let muteChatEvents: [String]
        let reactionEvents: [String]
        let labelEvents: [String]
        let pinEvents: [String]
        let tagEvents: [String]
        /// `lastSyncedAt` by its older name.
        let cursor: Int64
        /// `userTypingEvents` in the older shape (with stops).
        let typing: [TypingNotice]
        /// For a guest whose chat waits for an agent: its place in line.
        let queue: Queue?

        init(
            messages: [Message], typingEvents: [TypingEvent], cursor: Int64, typing: [TypingNotice], queue: Queue?,
            partnerLastSeen: Date?
        ) {
            self.messages = messages
            userTypingEvents = typingEvents
            lastSyncedAt = cursor
            partnerLastTimeActivity = partnerLastSeen?.xmDate
            (userReadChatEvents, newInviteEvents, acceptInviteEvents, muteChatEvents) = ([], [], [], [])
            (reactionEvents, labelEvents, pinEvents, tagEvents) = ([], [], [], [])
            self.cursor = cursor
            self.typing = typing
            self.queue = queue
        }
    }

    /// Someone started typing (XM reports only starts).
    struct TypingEvent: ResponseCodable {
        struct User: ResponseCodable {
            let id: String?
            let name: String
        }

        let chatId: String
        let user: User
        /// Milliseconds since 1970.
        let timestamp: Int64
    }

    struct Queue: ResponseCodable {
        let position: Int
        let estimatedWaitSeconds: Int?
    }

    struct TypingNotice: ResponseCodable {
        let chatId: String
        let senderId: String?
        let typing: Bool
    }
}
