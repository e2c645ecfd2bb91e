import SQLKit

@testable import ChatStorage

extension SQLStorage {
    /// How many rows a query's `COUNT(*) AS n` finds, for tests that check what a table holds.
    func count(_ query: SQLQueryString) async throws -> Int {
        try await backend.read { db in
            try await db.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
