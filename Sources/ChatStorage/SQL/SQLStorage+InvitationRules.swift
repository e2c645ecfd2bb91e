import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func autoInvitationRules() async throws -> [AutoInvitationRule] {
        try await backend.read { db in
            try await db.raw("SELECT * FROM auto_invitation_rules ORDER BY created_at, id").all().map { row in
                AutoInvitationRule(
                    id: try row.decode(column: "id", as: String.self),
                    name: try row.decode(column: "name", as: String.self),
                    urlPattern: try row.decode(column: "url_pattern", as: String.self),
                    secondsOnPage: try row.decode(column: "seconds_on_page", as: Int.self),
                    createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self))
                )
            }
        }
    }

    public func createAutoInvitationRule(_ rule: AutoInvitationRule) async throws {
        try await backend.write { db in
            try await db.raw("""
                INSERT INTO auto_invitation_rules (id, name, url_pattern, seconds_on_page, created_at)
                VALUES (\(bind: rule.id), \(bind: rule.name), \(bind: rule.urlPattern), \(bind: rule.secondsOnPage),
                        \(bind: rule.createdAt.millisecondsSince1970))
                """).run()
        }
    }

    public func deleteAutoInvitationRule(_ id: String) async throws -> Bool {
        guard StoredKey.canExist(id) else { return false }
        return try await backend.write { db in
            try await db.raw("DELETE FROM auto_invitation_rules WHERE id = \(bind: id) RETURNING id").first() != nil
        }
    }
}
