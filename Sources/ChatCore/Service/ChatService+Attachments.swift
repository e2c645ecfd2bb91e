import Foundation

/// Files posted in chats: checked, stored with their event, and read back by whoever may see the chat.
extension ChatService {
    /// Posts a file in the chat on the terms of a message (same access, same rate, an ended
    /// chat refuses it). The server decides the stored type from the bytes and cleans the
    /// name. With a client message id, a retry returns the stored event and stores nothing.
    public func attach(_ upload: AttachmentUpload, clientMessageID: String?, to id: ChatID, as principal: Principal) async throws -> SentMessage {
        guard upload.bytes.count <= limits.maxAttachmentBytes else { throw ChatError.attachmentTooLarge(limit: limits.maxAttachmentBytes) }
        let clientMessageID = try Validate.clientMessageID(clientMessageID, limits: limits)
        let type = try AttachmentRules.contentType(declared: upload.declaredType, bytes: upload.bytes, allowed: limits.attachmentTypes)
        let attachment = Attachment(
            id: AttachmentID(IdentifierGenerator.uuid()), name: AttachmentRules.cleanName(upload.filename), contentType: type,
            size: upload.bytes.count
        )
        try throttle.admitMessage(from: principal, in: id, at: now())
        _ = try await access.visibleChat(id, to: principal)
        let author = principal.author
        let key = clientMessageID.map { ClientMessageKey(author: author, clientMessageID: $0) }
        let maxEvents = limits.maxChatEvents
        let update = try await log.attach(attachment, bytes: upload.bytes, by: author, to: id, replaying: key, at: now()) { chat in
            try ChatTransitions.attach(attachment, clientMessageID: clientMessageID, in: chat, by: author, maxEvents: maxEvents)
        }
        let isReplay = if case .replayed = update { true } else { false }
        return SentMessage(event: try update.lastEvent(), isReplay: isReplay)
    }

    /// The attachment and its bytes, for a caller who may see its chat; to anyone else it
    /// does not exist.
    public func attachment(_ id: AttachmentID, for principal: Principal) async throws -> (Attachment, Data) {
        guard let stored = try await store.attachment(id) else { throw ChatError.attachmentNotFound(id) }
        do {
            _ = try await access.visibleChat(stored.chatID, to: principal)
        } catch ChatError.chatNotFound {
            throw ChatError.attachmentNotFound(id)
        }
        return try await bytes(of: stored)
    }

    /// The attachment and its bytes for a holder of a signed link, which the caller checked.
    public func linkedAttachment(_ id: AttachmentID) async throws -> (Attachment, Data) {
        guard let stored = try await store.attachment(id) else { throw ChatError.attachmentNotFound(id) }
        return try await bytes(of: stored)
    }

    private func bytes(of stored: StoredAttachment) async throws -> (Attachment, Data) {
        guard let bytes = try await store.attachmentBytes(stored.attachment.id) else {
            throw ChatError.attachmentNotFound(stored.attachment.id)
        }
        return (stored.attachment, bytes)
    }
}
