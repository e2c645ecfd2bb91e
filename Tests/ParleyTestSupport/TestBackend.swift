import Foundation

/// The backends the tests run on: SQLite always; PostgreSQL when PARLEY_TEST_POSTGRES_URL is
/// set, and also when CI=true without it, so that a CI run missing its database fails (each
/// PostgreSQL case reports the missing URL) instead of quietly testing SQLite alone.
public enum TestBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgres

    public static var available: [TestBackend] {
        expectsPostgres ? [.sqlite, .postgres] : [.sqlite]
    }

    /// PostgreSQL alone, for what only a shared database can show (several instances on it).
    public static var sharedDatabase: [TestBackend] {
        available.filter { $0 == .postgres }
    }

    static var expectsPostgres: Bool {
        let environment = ProcessInfo.processInfo.environment
        let ci = environment["CI"]?.lowercased()
        return environment["PARLEY_TEST_POSTGRES_URL"] != nil || ci == "true" || ci == "1"
    }

    public var description: String { rawValue }
}
