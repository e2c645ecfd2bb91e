import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func visitorExport(_ id: VisitorID, maxEvents: Int) async throws -> VisitorExport? {
        guard StoredKey.canExist(id.rawValue) else { return nil }
        return try await backend.read { db in
            guard let record = try await Self.records(where: "v.id = \(bind: id.rawValue) AND v.erased_at IS NULL", limit: 1, in: db).first
            else { return nil }
            let count = try await db.raw("""
                SELECT COUNT(*) AS events FROM chat_events e JOIN chats c ON c.id = e.chat_id WHERE c.visitor_id = \(bind: id.rawValue)
                """).first().unwrap().decode(column: "events", as: Int.self)
            guard count <= maxEvents else { throw ChatError.exportTooLarge(limit: maxEvents) }
            return VisitorExport(
                record: record,
                visits: try await Self.visits(of: id, in: db),
                pageViews: try await Self.pageViews(of: id, in: db),
                chats: try await Self.transcripts(of: id, in: db),
                sessions: try await db.raw("""
                    SELECT * FROM sessions WHERE visitor_id = \(bind: id.rawValue) ORDER BY created_at, id
                    """).all().map(Rows.session)
            )
        }
    }

    private static func visits(of visitor: VisitorID, in db: any SQLDatabase) async throws -> [Visit] {
        try await db.raw("SELECT * FROM visits WHERE visitor_id = \(bind: visitor.rawValue) ORDER BY number").all().map { row in
            Visit(
                number: try row.decode(column: "number", as: Int.self),
                startedAt: Date(millisecondsSince1970: try row.decode(column: "started_at", as: Int64.self)),
                landingPage: try row.decode(column: "landing_page", as: String?.self),
                referrer: try row.decode(column: "referrer", as: String?.self)
            )
        }
    }

    private static func pageViews(of visitor: VisitorID, in db: any SQLDatabase) async throws -> [VisitPageView] {
        try await db.raw("""
            SELECT * FROM page_views WHERE visitor_id = \(bind: visitor.rawValue) ORDER BY viewed_at, visit_number
            """).all().map { row in
            VisitPageView(
                visit: try row.decode(column: "visit_number", as: Int.self),
                view: PageView(
                    url: try row.decode(column: "url", as: String.self), title: try row.decode(column: "title", as: String.self),
                    referrer: try row.decode(column: "referrer", as: String.self),
                    viewedAt: Date(millisecondsSince1970: try row.decode(column: "viewed_at", as: Int64.self))
                )
            )
        }
    }

    private static func transcripts(of visitor: VisitorID, in db: any SQLDatabase) async throws -> [ChatTranscript] {
        let chats = try await db.raw("""
            SELECT * FROM chats WHERE visitor_id = \(bind: visitor.rawValue) ORDER BY created_at, number
            """).all().map(Rows.chat)
        let events = try await db.raw("""
            SELECT e.* FROM chat_events e JOIN chats c ON c.id = e.chat_id WHERE c.visitor_id = \(bind: visitor.rawValue)
            ORDER BY e.cursor
            """).all().map(Rows.event)
        let byChat = Dictionary(grouping: events, by: \.chatID)
        return chats.map { ChatTranscript(chat: $0, events: byChat[$0.id] ?? []) }
    }
}
