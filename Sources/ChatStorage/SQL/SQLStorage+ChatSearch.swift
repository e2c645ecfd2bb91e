import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func searchChats(_ search: ChatSearch) async throws -> [ChatSearchHit] {
        if let visitor = search.visitorID, !StoredKey.canExist(visitor.rawValue) { return [] }
        return try await backend.read { db in
            let pattern = search.text.map(Self.containing)
            var sql: SQLQueryString = "SELECT c.*, v.name AS visitor_name, v.email AS visitor_email, "
            if let pattern {
                sql += """
                    (SELECT e.text FROM chat_events e WHERE e.chat_id = c.id AND e.search_text LIKE \(bind: pattern) ESCAPE '\\'
                     ORDER BY e.event_id LIMIT 1) AS matched_line
                    """
            } else {
                sql += "NULL AS matched_line"
            }
            sql += " FROM chats c JOIN visitors v ON v.id = c.visitor_id WHERE \(Self.visible(in: search.scope))"
            if let visitor = search.visitorID { sql += " AND c.visitor_id = \(bind: visitor.rawValue)" }
            if let department = search.departmentID { sql += " AND c.department_id = \(bind: department.rawValue)" }
            if !search.states.isEmpty { sql += " AND c.state IN (\(binds: search.states.map(\.rawValue)))" }
            if let before = search.before { sql += " AND c.number < \(bind: before)" }
            if let pattern {
                sql += """
                     AND (v.search_text LIKE \(bind: pattern) ESCAPE '\\' OR EXISTS (
                        SELECT 1 FROM chat_events e WHERE e.chat_id = c.id AND e.search_text LIKE \(bind: pattern) ESCAPE '\\'))
                    """
            }
            sql += " ORDER BY c.number DESC LIMIT \(bind: search.limit)"
            return try await db.raw(sql).all().map { row in
                ChatSearchHit(
                    chat: try Rows.chat(row), matchedLine: try row.decode(column: "matched_line", as: String?.self),
                    visitorName: try row.decode(column: "visitor_name", as: String.self),
                    visitorEmail: try row.decode(column: "visitor_email", as: String.self)
                )
            }
        }
    }

    /// `EventScope.covers(_:)` over the chats `c`, as the event feed's query says it.
    private static func visible(in scope: EventScope) -> SQLQueryString {
        switch scope {
        case .everything:
            "1 = 1"
        case .chat(let chat):
            "c.id = \(bind: chat.rawValue)"
        case .visitor(let visitor):
            "c.visitor_id = \(bind: visitor.rawValue)"
        case .agent(let agent, let departments):
            departments.isEmpty
                ? "(c.agent_id = \(bind: agent.rawValue) OR c.offered_to = \(bind: agent.rawValue))"
                : """
                  (c.department_id IN (\(binds: departments.sorted().map(\.rawValue))) OR c.agent_id = \(bind: agent.rawValue)
                   OR c.offered_to = \(bind: agent.rawValue))
                  """
        }
    }

    /// A LIKE pattern matching texts that contain `folded`, in which `%`, `_` and `\` mean themselves.
    private static func containing(_ folded: String) -> String {
        var escaped = ""
        for character in folded {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%\(escaped)%"
    }

    /// The folded copy searches compare a visitor against; a newline separates name and email,
    /// and no query holds one, so no hit spans both.
    static func visitorSearchText(name: String, email: String) -> String {
        SearchText.fold(name) + "\n" + SearchText.fold(email)
    }

    /// Writes the visitor's folded copy again after its name or email changed in SQL.
    static func refreshSearchText(of visitor: VisitorID, in db: any SQLDatabase) async throws {
        guard let row = try await db.raw("SELECT name, email FROM visitors WHERE id = \(bind: visitor.rawValue)").first() else { return }
        let text = visitorSearchText(name: try row.decode(column: "name", as: String.self), email: try row.decode(column: "email", as: String.self))
        try await db.raw("UPDATE visitors SET search_text = \(bind: text) WHERE id = \(bind: visitor.rawValue)").run()
    }

    /// The folded copy of an event's text that searches compare, for visitors' and agents' lines only.
    static func eventSearchText(_ draft: EventDraft) -> String? {
        guard case .message(let text) = draft.body else { return nil }
        switch draft.author {
        case .visitor, .agent: return SearchText.fold(text)
        case .system: return nil
        }
    }
}
