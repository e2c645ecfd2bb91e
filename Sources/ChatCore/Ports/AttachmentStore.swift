import Foundation

/// Attachments' bytes and what they belong to. Where the bytes live is the store's business
/// (files beside an SQLite database, a table in PostgreSQL).
public protocol AttachmentStore: Sendable {
    /// Stores the attachment's bytes and appends the chat's event that carries it, as
    /// `ChatStore.updateChat` does, in one step: the file exists exactly when its event does.
    /// A replay (`key` names an event already stored) stores nothing and returns that event.
    func appendAttachment(
        _ attachment: Attachment, bytes: Data, by uploader: EventAuthor, to id: ChatID, replaying key: ClientMessageKey?, at date: Date,
        _ decide: @Sendable (Chat) throws -> ChatChange
    ) async throws -> ChatUpdate

    /// The attachment's description and chat; nil when unknown or erased.
    func attachment(_ id: AttachmentID) async throws -> StoredAttachment?
    /// The attachment's bytes; nil when unknown or erased.
    func attachmentBytes(_ id: AttachmentID) async throws -> Data?
}
