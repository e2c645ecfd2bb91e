import ChatCore
import SQLKit

/// Folds what was stored before searches compared folded copies: Swift's folding, which
/// neither database's own can reproduce.
enum SearchBackfill {
    static let batchSize = 500

    @Sendable static func run(_ db: any SQLDatabase) async throws {
        var cursor: Int64 = 0
        while true {
            let rows = try await db.raw("""
                SELECT cursor, text FROM chat_events
                WHERE cursor > \(bind: cursor) AND kind = 'message' AND author_kind IN ('visitor', 'agent') AND text IS NOT NULL
                ORDER BY cursor LIMIT \(bind: batchSize)
                """).all()
            for row in rows {
                cursor = try row.decode(column: "cursor", as: Int64.self)
                let text = SearchText.fold(try row.decode(column: "text", as: String.self))
                try await db.raw("UPDATE chat_events SET search_text = \(bind: text) WHERE cursor = \(bind: cursor)").run()
            }
            if rows.count < batchSize { break }
        }
        var visitor = ""
        while true {
            let rows = try await db.raw("""
                SELECT id, name, email FROM visitors WHERE id > \(bind: visitor) ORDER BY id LIMIT \(bind: batchSize)
                """).all()
            for row in rows {
                visitor = try row.decode(column: "id", as: String.self)
                let text = SQLStorage.visitorSearchText(
                    name: try row.decode(column: "name", as: String.self), email: try row.decode(column: "email", as: String.self)
                )
                try await db.raw("UPDATE visitors SET search_text = \(bind: text) WHERE id = \(bind: visitor)").run()
            }
            if rows.count < batchSize { break }
        }
    }
}
