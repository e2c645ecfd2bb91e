import Foundation

/// The messages visitors leave when nobody can chat.
public protocol OfflineMessageStore: Sendable {
    /// Stores the message and answers it as stored (its time to the millisecond).
    func createOfflineMessage(_ message: OfflineMessage) async throws -> OfflineMessage

    /// The newest messages first, of `departments` (every department when nil), older than
    /// `before` when given.
    func offlineMessages(in departments: Set<DepartmentID>?, before: Date?, limit: Int) async throws -> [OfflineMessage]
}
