import Foundation
import SQLKit

/// One numbered step of the schema. Steps are append-only: a released step never changes.
struct Migration: Sendable {
    let version: Int
    let statements: [String]
    /// Runs after the statements, in the same transaction: for data only Swift can compute.
    var backfill: (@Sendable (any SQLDatabase) async throws -> Void)?
}

enum Migrator {
    /// Applies the steps the database has not seen yet, each in its own transaction.
    static func migrate(_ backend: any SQLBackend, steps: [Migration]) async throws {
        try await backend.write { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)").run()
        }
        for step in steps.sorted(by: { $0.version < $1.version }) {
            try await backend.write { db in
                if backend.kind == .postgres {
                    // Several instances may start together: let one migrate at a time.
                    try await db.raw("SELECT pg_advisory_xact_lock(7253001)").run()
                }
                let applied = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: step.version)").first()
                guard applied == nil else { return }
                for statement in step.statements {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await step.backfill?(db)
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                try await db.raw("INSERT INTO schema_migrations (version, applied_at) VALUES (\(bind: step.version), \(bind: now))").run()
            }
        }
    }
}
