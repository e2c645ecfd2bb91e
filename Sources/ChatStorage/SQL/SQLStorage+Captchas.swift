import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func storeCaptcha(id: String, answer: String, expiresAt: Date) async throws {
        let now = Date().millisecondsSince1970
        try await backend.write { db in
            // Expired captchas are cleared as new ones arrive, so the table stays small.
            try await db.raw("DELETE FROM captchas WHERE expires_at < \(bind: now)").run()
            try await db.raw("""
                INSERT INTO captchas (id, answer, expires_at) VALUES (\(bind: id), \(bind: answer), \(bind: expiresAt.millisecondsSince1970))
                """).run()
        }
    }

    public func takeCaptcha(id: String, at date: Date) async throws -> String? {
        guard StoredKey.canExist(id) else { return nil }
        return try await backend.write { db in
            let row = try await db.raw("DELETE FROM captchas WHERE id = \(bind: id) RETURNING answer, expires_at").first()
            guard let row, try row.decode(column: "expires_at", as: Int64.self) > date.millisecondsSince1970 else { return nil }
            return try row.decode(column: "answer", as: String.self)
        }
    }
}
