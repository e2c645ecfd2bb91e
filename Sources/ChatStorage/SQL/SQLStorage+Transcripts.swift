import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func transcriptRequests(of chat: ChatID, since date: Date) async throws -> [Date] {
        try await backend.read { db in
            try await db.raw("""
                SELECT requested_at FROM transcript_requests
                WHERE chat_id = \(bind: chat.rawValue) AND requested_at > \(bind: date.millisecondsSince1970)
                ORDER BY requested_at
                """).all().map { Date(millisecondsSince1970: try $0.decode(column: "requested_at", as: Int64.self)) }
        }
    }

    public func queueTranscript(_ delivery: DeliveryDraft, of chat: ChatID, at date: Date, limit: Int, since: Date) async throws -> Bool {
        let kind = backend.kind
        return try await backend.write { db in
            // The chat's row lock makes two requests for one chat count one after the other.
            guard try await db.raw("SELECT id FROM chats WHERE id = \(bind: chat.rawValue) \(unsafeRaw: kind.lockRows)").first() != nil else {
                throw ChatError.chatNotFound(chat)
            }
            // Requests that no longer count are dropped, whichever chat they were for.
            try await db.raw("DELETE FROM transcript_requests WHERE requested_at <= \(bind: since.millisecondsSince1970)").run()
            let counted = try await db.raw("""
                SELECT COUNT(*) AS requests FROM transcript_requests WHERE chat_id = \(bind: chat.rawValue)
                """).first().unwrap().decode(column: "requests", as: Int.self)
            guard counted < limit else { return false }
            try await db.raw("""
                INSERT INTO transcript_requests (chat_id, requested_at) VALUES (\(bind: chat.rawValue), \(bind: date.millisecondsSince1970))
                """).run()
            try await Self.insert([delivery], at: date, in: db)
            return true
        }
    }
}
