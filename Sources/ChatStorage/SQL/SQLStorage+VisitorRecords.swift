import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    /// Visitors matching `condition` (on `visitors v`), with their activity derived from their
    /// visits, page views and chats, most recently seen first unless `order` says otherwise.
    static func records(
        where condition: SQLQueryString, orderedBy order: String = "v.last_seen_at DESC, v.id", limit: Int, in db: any SQLDatabase
    ) async throws -> [VisitorRecord] {
        let rows = try await db.raw("""
            SELECT v.*,
                (SELECT COUNT(*) FROM visits WHERE visitor_id = v.id) AS visit_count,
                (SELECT COUNT(*) FROM page_views WHERE visitor_id = v.id) AS page_view_count,
                (SELECT COUNT(*) FROM chats WHERE visitor_id = v.id) AS chat_count,
                (SELECT MIN(started_at) FROM visits WHERE visitor_id = v.id) AS first_visit_at,
                cv.started_at AS visit_started_at, cv.landing_page AS visit_landing_page, cv.referrer AS visit_referrer,
                pv.url AS page_url, pv.title AS page_title, pv.referrer AS page_referrer, pv.viewed_at AS page_viewed_at
            FROM visitors v
            LEFT JOIN visits cv ON cv.visitor_id = v.id
                AND cv.number = (SELECT MAX(number) FROM visits WHERE visitor_id = v.id)
            LEFT JOIN page_views pv ON pv.visitor_id = v.id
                AND pv.number = (SELECT MAX(number) FROM page_views WHERE visitor_id = v.id)
            WHERE \(condition)
            ORDER BY \(unsafeRaw: order)
            LIMIT \(bind: limit)
            """).all()
        let records = try rows.map(Rows.visitorRecord)
        let chats = try await currentChats(of: records.map(\.visitor.id), in: db)
        return records.map { record in
            var record = record
            record.currentChat = chats[record.visitor.id]
            return record
        }
    }

    /// Each visitor's open chat, or else its latest.
    private static func currentChats(of visitors: [VisitorID], in db: any SQLDatabase) async throws -> [VisitorID: Chat] {
        guard !visitors.isEmpty else { return [:] }
        let chats = try await db.raw("""
            SELECT * FROM chats WHERE visitor_id IN (\(binds: visitors.map(\.rawValue))) ORDER BY created_at, number
            """).all().map(Rows.chat)
        var current: [VisitorID: Chat] = [:]
        for chat in chats {
            // Later chats replace earlier ones, but an ended chat never replaces an open one.
            if let held = current[chat.visitorID], held.state != .ended, chat.state == .ended { continue }
            current[chat.visitorID] = chat
        }
        return current
    }
}

extension Rows {
    static func visitorRecord(_ row: any SQLRow) throws -> VisitorRecord {
        let visitor = try Rows.visitor(row)
        let lastSeen = try row.decode(column: "last_seen_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)) ?? visitor.createdAt
        let page: PageView? = try row.decode(column: "page_url", as: String?.self).map { url in
            PageView(
                url: url, title: try row.decode(column: "page_title", as: String?.self) ?? "",
                referrer: try row.decode(column: "page_referrer", as: String?.self) ?? "",
                viewedAt: Date(millisecondsSince1970: try row.decode(column: "page_viewed_at", as: Int64.self))
            )
        }
        let activity = VisitorActivity(
            visits: try row.decode(column: "visit_count", as: Int.self),
            pageViews: try row.decode(column: "page_view_count", as: Int.self),
            chats: try row.decode(column: "chat_count", as: Int.self),
            firstVisitAt: try row.decode(column: "first_visit_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)) ?? visitor.createdAt,
            visitStartedAt: try row.decode(column: "visit_started_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)) ?? visitor.createdAt,
            lastSeenAt: lastSeen,
            landingPage: try row.decode(column: "visit_landing_page", as: String?.self),
            referrer: try row.decode(column: "visit_referrer", as: String?.self),
            currentPage: page,
            preChatAt: try row.decode(column: "pre_chat_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            invitation: try invitation(row)
        )
        return VisitorRecord(
            visitor: visitor, activity: activity, currentChat: nil, revision: try row.decode(column: "revision", as: Int64.self)
        )
    }

    private static func invitation(_ row: any SQLRow) throws -> Invitation? {
        guard let kind = try row.decode(column: "invitation", as: String?.self).flatMap(Invitation.Kind.init(rawValue:)),
              let answer = try row.decode(column: "invitation_state", as: String?.self).flatMap(Invitation.Answer.init(rawValue:)),
              let at = try row.decode(column: "invited_at", as: Int64?.self)
        else { return nil }
        return Invitation(
            kind: kind, answer: answer, at: Date(millisecondsSince1970: at),
            by: try row.decode(column: "invited_by", as: String?.self).map(AgentID.init(rawValue:))
        )
    }

    static func json(_ variables: [CustomVariable]) -> String {
        // Encoding plain strings cannot fail.
        String(decoding: (try? JSONEncoder().encode(variables)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func customVariables(_ row: any SQLRow, column: String) throws -> [CustomVariable] {
        let json = try row.decode(column: column, as: String.self)
        return try JSONDecoder().decode([CustomVariable].self, from: Data(json.utf8))
    }
}
