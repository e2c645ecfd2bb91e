import SQLKit

/// Which SQL dialect a backend speaks, for the few statements that differ.
enum SQLBackendKind: Sendable {
    case sqlite
    case postgres

    /// Locks the selected rows until the transaction ends. SQLite needs none: its single
    /// writer already serialises every write transaction.
    var lockRows: String {
        switch self {
        case .sqlite: ""
        case .postgres: "FOR UPDATE"
        }
    }
}

/// The connections of one database.
protocol SQLBackend: Sendable {
    var kind: SQLBackendKind { get }
    /// Runs `body` on a connection outside any explicit transaction.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws.
    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func close() async
}

extension SQLBackend {
    /// Runs `BEGIN`, `body`, then `COMMIT`, or `ROLLBACK` if anything throws.
    func transaction<T: Sendable>(
        on database: any SQLDatabase, begin: SQLQueryString = "BEGIN",
        _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await database.raw(begin).run()
        do {
            let result = try await body(database)
            try await database.raw("COMMIT").run()
            return result
        } catch {
            try? await database.raw("ROLLBACK").run()
            throw error
        }
    }
}
