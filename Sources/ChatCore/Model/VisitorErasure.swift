import Foundation

/// What erasing a visitor does to its chats.
public enum ErasedChats: String, Sendable, Equatable {
    /// The chats and their logs stay for the agents' records, without what identifies the
    /// visitor: its lines and files read `ErasedVisitor.text` (the files' bytes go), and a visitor with chats is kept as a
    /// tombstone they point to (`ErasedVisitor.name`, no email, profile, variables or form
    /// fields); one without chats goes entirely.
    case anonymise
    /// The chats, their logs, every file posted in them and the visitor go entirely.
    case delete
}

/// What an anonymised visitor and its lines are replaced with.
public enum ErasedVisitor {
    public static let name = "Erased visitor"
    public static let text = "[erased]"
}
