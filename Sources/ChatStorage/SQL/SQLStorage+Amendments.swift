import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    /// The edit and delete events are stored with the id of the line they change in `state`,
    /// where other events keep their small codes.
    public func amendments(to messages: [ChatID: [Int]]) async throws -> [ChatEvent] {
        let targets = messages.filter { StoredKey.canExist($0.key.rawValue) && !$0.value.isEmpty }
        guard !targets.isEmpty else { return [] }
        return try await backend.read { db in
            let perChat = targets.sorted { $0.key.rawValue < $1.key.rawValue }.map { chat, ids -> SQLQueryString in
                "(chat_id = \(bind: chat.rawValue) AND state IN (\(binds: Set(ids).sorted().map(String.init))))"
            }
            let sql: SQLQueryString = """
                SELECT * FROM chat_events WHERE kind IN ('message_edited', 'message_deleted')
                AND (\(perChat.joined(separator: " OR ")))
                ORDER BY cursor
                """
            return try await db.raw(sql).all().map(Rows.event)
        }
    }
}
