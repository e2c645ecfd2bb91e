import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func cannedResponses(in departments: [DepartmentID]?) async throws -> [CannedResponse] {
        try await backend.read { db in
            var sql: SQLQueryString = "SELECT * FROM canned_responses"
            if let departments {
                sql += departments.isEmpty
                    ? " WHERE department_id IS NULL"
                    : " WHERE department_id IS NULL OR department_id IN (\(binds: departments.map(\.rawValue)))"
            }
            sql += " ORDER BY shortcut, COALESCE(department_id, 0), id"
            return try await db.raw(sql).all().map(Self.cannedResponse)
        }
    }

    public func cannedResponse(_ id: String) async throws -> CannedResponse? {
        guard StoredKey.canExist(id) else { return nil }
        return try await backend.read { db in
            try await db.raw("SELECT * FROM canned_responses WHERE id = \(bind: id)").first().map(Self.cannedResponse)
        }
    }

    public func createCannedResponse(_ response: CannedResponse) async throws {
        try await backend.write { db in
            try await Self.requireDepartment(response.departmentID, kind: self.backend.kind, in: db)
            let inserted = try await db.raw("""
                INSERT INTO canned_responses (id, shortcut, title, text, department_id, created_at)
                VALUES (\(bind: response.id), \(bind: response.shortcut), \(bind: response.title), \(bind: response.text),
                        \(bind: response.departmentID?.rawValue), \(bind: response.createdAt.millisecondsSince1970))
                ON CONFLICT DO NOTHING RETURNING id
                """).first()
            guard inserted != nil else { throw ChatError.shortcutTaken(response.shortcut) }
        }
    }

    public func updateCannedResponse(_ response: CannedResponse) async throws {
        guard StoredKey.canExist(response.id) else { throw ChatError.cannedResponseNotFound(response.id) }
        try await backend.write { db in
            try await Self.requireDepartment(response.departmentID, kind: self.backend.kind, in: db)
            let taken = try await db.raw("""
                SELECT id FROM canned_responses
                WHERE COALESCE(department_id, 0) = \(bind: response.departmentID?.rawValue ?? 0) AND shortcut = \(bind: response.shortcut)
                  AND id <> \(bind: response.id)
                """).first()
            guard taken == nil else { throw ChatError.shortcutTaken(response.shortcut) }
            let updated = try await db.raw("""
                UPDATE canned_responses SET shortcut = \(bind: response.shortcut), title = \(bind: response.title),
                       text = \(bind: response.text), department_id = \(bind: response.departmentID?.rawValue)
                WHERE id = \(bind: response.id) RETURNING id
                """).first()
            guard updated != nil else { throw ChatError.cannedResponseNotFound(response.id) }
        }
    }

    public func deleteCannedResponse(_ id: String) async throws -> Bool {
        guard StoredKey.canExist(id) else { return false }
        return try await backend.write { db in
            try await db.raw("DELETE FROM canned_responses WHERE id = \(bind: id) RETURNING id").first() != nil
        }
    }

    /// Locks the department (so it cannot go while a row points to it) or throws for an unknown one.
    static func requireDepartment(_ id: DepartmentID?, kind: SQLBackendKind, in db: any SQLDatabase) async throws {
        guard let id else { return }
        let found = try await db.raw("SELECT id FROM departments WHERE id = \(bind: id.rawValue) \(unsafeRaw: kind.lockRows)").first()
        guard found != nil else { throw ChatError.departmentNotFound(id) }
    }

    private static func cannedResponse(_ row: any SQLRow) throws -> CannedResponse {
        CannedResponse(
            id: try row.decode(column: "id", as: String.self),
            shortcut: try row.decode(column: "shortcut", as: String.self),
            title: try row.decode(column: "title", as: String.self),
            text: try row.decode(column: "text", as: String.self),
            departmentID: try row.decode(column: "department_id", as: Int64?.self).map { DepartmentID($0) },
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self))
        )
    }
}
