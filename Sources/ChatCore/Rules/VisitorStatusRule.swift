import Foundation

/// Derives a visitor's status from its activity and its current chat. An open chat decides
/// first; then whether the visitor is still on the site; then what happened during this visit
/// (a chat that ended, an invitation, the pre-chat form).
public struct VisitorStatusRule: Sendable {
    /// How long a visitor may stay silent (no page view, heartbeat or feed read) and still be on the site.
    public var awayAfter: Duration

    public init(awayAfter: Duration) {
        self.awayAfter = awayAfter
    }

    /// - Parameter staffed: whether an agent of the chat's department is online, for a waiting
    ///   chat: with nobody there to answer, the chat is an offline message until someone comes.
    public func status(of record: VisitorRecord, staffed: Bool, at date: Date) -> VisitorStatus {
        let activity = record.activity
        if let chat = record.currentChat, chat.state != .ended {
            switch chat.state {
            case .active: return .chatting
            case .transferring: return .transferring
            case .queued, .ended: return staffed || chat.offer != nil ? .waitingForChat : .offlineMessage
            }
        }
        guard date.timeIntervalSince(activity.lastSeenAt) <= Double(awayAfter.components.seconds) else { return .outOfSite }
        let thisVisit = activity.visitStartedAt
        if let chat = record.currentChat, chat.updatedAt >= thisVisit {
            return chat.wasRefused ? .refusedByOperator : .chatEnded
        }
        if let invitation = activity.invitation, invitation.at >= thisVisit {
            switch (invitation.answer, invitation.kind) {
            case (.pending, .manual): return .manuallyInvited
            case (.pending, .auto): return .autoInvited
            case (.declined, _): return .refusedByVisitor
            case (.accepted, _): break
            }
        }
        if let preChat = activity.preChatAt, preChat >= thisVisit {
            return .preChat
        }
        return .inSite
    }
}
