/// Where a visitor stands, in Comm100's words. Parley derives it from what happened (see
/// `VisitorStatusRule`); it is never stored.
public enum VisitorStatus: String, Sendable, CaseIterable {
    case inSite
    case outOfSite
    case preChat
    case waitingForChat
    case chatting
    case transferring
    case chatEnded
    case offlineMessage
    case manuallyInvited
    case autoInvited
    case refusedByVisitor
    case refusedByOperator
    /// Accepted as a filter, never produced: Parley has no voice chat.
    case voiceChatting
    /// Accepted as a filter, never produced: Parley's invitations are not pop-up windows.
    case manuallyInvitedByWindow
    /// Accepted as a filter, never produced: nothing in Parley keeps a visitor "processing".
    case systemProcessing
}
