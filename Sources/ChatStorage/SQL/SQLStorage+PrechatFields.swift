import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func prechatFields(for department: DepartmentID?) async throws -> [PrechatField] {
        try await backend.read { db in
            var sql: SQLQueryString = "SELECT * FROM prechat_fields"
            if let department {
                sql += " WHERE department_id IS NULL OR department_id = \(bind: department.rawValue)"
            }
            sql += " ORDER BY position"
            return try await db.raw(sql).all().map(Self.prechatField)
        }
    }

    public func replacePrechatFields(_ fields: [PrechatField]) async throws {
        let kind = backend.kind
        try await backend.write { db in
            for department in Set(fields.compactMap(\.departmentID)).sorted() {
                try await Self.requireDepartment(department, kind: kind, in: db)
            }
            try await db.raw("DELETE FROM prechat_fields").run()
            for (position, field) in fields.enumerated() {
                let options = String(decoding: try JSONEncoder().encode(field.options), as: UTF8.self)
                try await db.raw("""
                    INSERT INTO prechat_fields (position, field_key, label, kind, required, options, department_id)
                    VALUES (\(bind: position), \(bind: field.key), \(bind: field.label), \(bind: field.kind.rawValue),
                            \(bind: field.isRequired), \(bind: options), \(bind: field.departmentID?.rawValue))
                    """).run()
            }
        }
    }

    private static func prechatField(_ row: any SQLRow) throws -> PrechatField {
        let kind = try row.decode(column: "kind", as: String.self)
        let options = try row.decode(column: "options", as: String.self)
        return PrechatField(
            key: try row.decode(column: "field_key", as: String.self),
            label: try row.decode(column: "label", as: String.self),
            kind: try PrechatField.Kind(rawValue: kind).unwrap(),
            isRequired: try row.decode(column: "required", as: Bool.self),
            options: try JSONDecoder().decode([String].self, from: Data(options.utf8)),
            departmentID: try row.decode(column: "department_id", as: Int64?.self).map { DepartmentID($0) }
        )
    }
}
