import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func appendAttachment(
        _ attachment: Attachment, bytes: Data, by uploader: EventAuthor, to id: ChatID, replaying key: ClientMessageKey?, at date: Date,
        _ decide: @Sendable (Chat) throws -> ChatChange
    ) async throws -> ChatUpdate {
        guard StoredKey.canExist(id.rawValue) else { throw ChatError.chatNotFound(id) }
        let kind = backend.kind
        let files = files
        try files?.stage(bytes, for: attachment.id)
        do {
            let update = try await backend.write { db in
                let update = try await Self.update(id, replaying: key, at: date, kind: kind, in: db, decide)
                guard case .applied = update else { return update }
                let author = uploader.columns
                try await db.raw("""
                    INSERT INTO attachments (id, chat_id, uploader_kind, uploader_id, name, content_type, size, created_at)
                    VALUES (\(bind: attachment.id.rawValue), \(bind: id.rawValue), \(bind: author.kind), \(bind: author.id),
                            \(bind: attachment.name), \(bind: attachment.contentType), \(bind: attachment.size), \(bind: date.millisecondsSince1970))
                    """).run()
                if let files {
                    // Last, so a refusal above never leaves a file in place.
                    try files.publish(attachment.id)
                } else {
                    try await db.raw("INSERT INTO attachment_bytes (id, data) VALUES (\(bind: attachment.id.rawValue), \(bind: bytes))").run()
                }
                return update
            }
            if case .replayed = update { files?.remove(attachment.id) }
            return update
        } catch {
            files?.remove(attachment.id)
            throw error
        }
    }

    public func attachment(_ id: AttachmentID) async throws -> StoredAttachment? {
        guard StoredKey.canExist(id.rawValue) else { return nil }
        return try await backend.read { db in
            try await db.raw("SELECT * FROM attachments WHERE id = \(bind: id.rawValue)").first().map { row in
                StoredAttachment(
                    attachment: Attachment(
                        id: AttachmentID(try row.decode(column: "id", as: String.self)),
                        name: try row.decode(column: "name", as: String.self),
                        contentType: try row.decode(column: "content_type", as: String.self),
                        size: try row.decode(column: "size", as: Int.self)
                    ),
                    chatID: ChatID(try row.decode(column: "chat_id", as: String.self)),
                    uploader: EventAuthor(
                        columns: try row.decode(column: "uploader_kind", as: String.self),
                        id: try row.decode(column: "uploader_id", as: String?.self)
                    )
                )
            }
        }
    }

    public func attachmentBytes(_ id: AttachmentID) async throws -> Data? {
        guard StoredKey.canExist(id.rawValue) else { return nil }
        if let files {
            guard try await attachment(id) != nil else { return nil }
            return files.read(id)
        }
        return try await backend.read { db in
            try await db.raw("SELECT data FROM attachment_bytes WHERE id = \(bind: id.rawValue)").first()
                .map { try $0.decode(column: "data", as: Data.self) }
        }
    }

    /// Deletes the attachments a visitor posted and, when its chats go too, every attachment
    /// of its chats; answers their ids, whose files go once the transaction commits.
    static func dropAttachments(of visitor: VisitorID, chats: ErasedChats, in db: any SQLDatabase) async throws -> [AttachmentID] {
        var sql: SQLQueryString = "DELETE FROM attachments WHERE (uploader_kind = 'visitor' AND uploader_id = \(bind: visitor.rawValue))"
        if chats == .delete {
            sql += " OR chat_id IN (SELECT id FROM chats WHERE visitor_id = \(bind: visitor.rawValue))"
        }
        sql += " RETURNING id"
        return try await db.raw(sql).all().map { AttachmentID(try $0.decode(column: "id", as: String.self)) }
    }
}
