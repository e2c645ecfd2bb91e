import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func eraseVisitor(_ id: VisitorID, chats: ErasedChats, at date: Date) async throws -> [SessionID] {
        guard StoredKey.canExist(id.rawValue) else { throw ChatError.visitorNotFound(id) }
        let kind = backend.kind
        let (sessions, attachments) = try await backend.write { db in
            // Locking the visitor makes a chat it starts meanwhile wait (chat creation locks it too).
            let row = try await db.raw("""
                SELECT erased_at FROM visitors WHERE id = \(bind: id.rawValue) \(unsafeRaw: kind.lockRows)
                """).first()
            guard let row, try row.decode(column: "erased_at", as: Int64?.self) == nil else { throw ChatError.visitorNotFound(id) }
            let open = try await db.raw("""
                SELECT id FROM chats WHERE visitor_id = \(bind: id.rawValue) AND state IN ('queued', 'active', 'transferring') LIMIT 1
                """).first()
            if let open {
                throw ChatError.chatAlreadyOpen(ChatID(try open.decode(column: "id", as: String.self)))
            }
            // Refresh tokens and feed positions go with their session (ON DELETE CASCADE).
            let sessions = try await db.raw("""
                DELETE FROM sessions WHERE visitor_id = \(bind: id.rawValue)
                   OR chat_id IN (SELECT id FROM chats WHERE visitor_id = \(bind: id.rawValue))
                RETURNING id
                """).all().map { SessionID(try $0.decode(column: "id", as: String.self)) }
            try await db.raw("DELETE FROM page_views WHERE visitor_id = \(bind: id.rawValue)").run()
            try await db.raw("DELETE FROM visits WHERE visitor_id = \(bind: id.rawValue)").run()
            try await db.raw("DELETE FROM channel_contacts WHERE visitor_id = \(bind: id.rawValue)").run()
            try await db.raw("DELETE FROM offline_messages WHERE visitor_id = \(bind: id.rawValue)").run()
            // What was still to be sent about the visitor (or given up on) carries its words.
            try await db.raw("DELETE FROM outbox WHERE visitor_id = \(bind: id.rawValue)").run()
            // Before the chats: a deleted chat takes its attachments' rows with it.
            let attachments = try await Self.dropAttachments(of: id, chats: chats, in: db)
            switch chats {
            case .anonymise: try await Self.anonymise(id, at: date, in: db)
            case .delete: try await Self.delete(id, in: db)
            }
            return (sessions, attachments)
        }
        for attachment in attachments {
            files?.remove(attachment)
        }
        return sessions
    }

    public func visitorsUnseen(since date: Date, limit: Int) async throws -> [VisitorID] {
        try await backend.read { db in
            try await db.raw("""
                SELECT id FROM visitors v
                WHERE v.erased_at IS NULL AND COALESCE(v.last_seen_at, v.created_at) < \(bind: date.millisecondsSince1970)
                  AND NOT EXISTS (
                    SELECT 1 FROM chats c WHERE c.visitor_id = v.id AND c.state IN ('queued', 'active', 'transferring'))
                ORDER BY COALESCE(v.last_seen_at, v.created_at), v.id
                LIMIT \(bind: limit)
                """).all().map { VisitorID(try $0.decode(column: "id", as: String.self)) }
        }
    }

    /// Keeps the visitor's chats for the agents' records, and the visitor as a tombstone they
    /// point to; what the visitor wrote or told about itself goes (its lines, its rating's comment). Agents' lines, notes and
    /// surveys stay: they are the company's record of its own work. A visitor who never
    /// chatted (most tracked visitors) leaves no tombstone: nothing points to it.
    private static func anonymise(_ visitor: VisitorID, at date: Date, in db: any SQLDatabase) async throws {
        let chats = try await db.raw("SELECT 1 AS found FROM chats WHERE visitor_id = \(bind: visitor.rawValue) LIMIT 1").first()
        guard chats != nil else {
            try await db.raw("DELETE FROM visitors WHERE id = \(bind: visitor.rawValue)").run()
            return
        }
        try await db.raw("""
            UPDATE chat_events SET kind = 'message', text = \(bind: ErasedVisitor.text), client_message_id = NULL,
                   search_text = \(bind: SearchText.fold(ErasedVisitor.text))
            WHERE chat_id IN (SELECT id FROM chats WHERE visitor_id = \(bind: visitor.rawValue))
              AND author_kind = 'visitor' AND kind IN ('message', 'attachment')
            """).run()
        // The visitor's edits carry its words too; they still point at the lines they changed.
        try await db.raw("""
            UPDATE chat_events SET text = \(bind: ErasedVisitor.text)
            WHERE chat_id IN (SELECT id FROM chats WHERE visitor_id = \(bind: visitor.rawValue))
              AND author_kind = 'visitor' AND kind = 'message_edited'
            """).run()
        // A rating keeps its score (no one's words) and loses its comment.
        try await db.raw("""
            UPDATE chat_events SET text = NULL
            WHERE chat_id IN (SELECT id FROM chats WHERE visitor_id = \(bind: visitor.rawValue)) AND kind = 'rating'
            """).run()
        try await db.raw("""
            UPDATE visitors SET name = \(bind: ErasedVisitor.name), email = '', user_agent = NULL, ip_address = NULL, language = NULL,
                   source_url = NULL, screen_resolution = NULL, time_zone = NULL, custom_variables = '[]', form_fields = '[]',
                   last_seen_at = NULL, pre_chat_at = NULL, invitation = NULL, invitation_state = NULL, invited_at = NULL,
                   invited_by = NULL, erased_at = \(bind: date.millisecondsSince1970), departed_at = \(bind: date.millisecondsSince1970)
            WHERE id = \(bind: visitor.rawValue)
            """).run()
        try await refreshSearchText(of: visitor, in: db)
        // Agents following the visitors see the tombstone replace the visitor.
        try await touch(visitor, in: db)
    }

    private static func delete(_ visitor: VisitorID, in db: any SQLDatabase) async throws {
        try await db.raw("""
            DELETE FROM chat_events WHERE chat_id IN (SELECT id FROM chats WHERE visitor_id = \(bind: visitor.rawValue))
            """).run()
        try await db.raw("""
            DELETE FROM transcript_requests WHERE chat_id IN (SELECT id FROM chats WHERE visitor_id = \(bind: visitor.rawValue))
            """).run()
        try await db.raw("DELETE FROM chats WHERE visitor_id = \(bind: visitor.rawValue)").run()
        try await db.raw("DELETE FROM visitors WHERE id = \(bind: visitor.rawValue)").run()
    }
}
