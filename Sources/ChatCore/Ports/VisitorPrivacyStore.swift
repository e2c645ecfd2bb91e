import Foundation

/// Visitors' data as privacy law asks for it: handed over, erased, or forgotten after a time.
public protocol VisitorPrivacyStore: Sendable {
    /// Everything stored about the visitor, read together; nil when it is unknown or was
    /// erased. Throws `ChatError.exportTooLarge` when its chats hold more than `maxEvents` events.
    func visitorExport(_ id: VisitorID, maxEvents: Int) async throws -> VisitorExport?

    /// Erases the visitor in one transaction: its page views, visits, sessions (with their
    /// refresh tokens and feed positions), the files it posted and, as `chats` says, its chats
    /// (deleted chats take every file posted in them). Answers the
    /// sessions it deleted, whose open feeds must end. Throws `ChatError.visitorNotFound`
    /// for an unknown or already erased visitor, and `ChatError.chatAlreadyOpen` while it
    /// holds an open chat (end it first).
    func eraseVisitor(_ id: VisitorID, chats: ErasedChats, at date: Date) async throws -> [SessionID]

    /// Visitors last seen before `date` that hold no open chat and were not erased, the
    /// longest gone first.
    func visitorsUnseen(since date: Date, limit: Int) async throws -> [VisitorID]
}
