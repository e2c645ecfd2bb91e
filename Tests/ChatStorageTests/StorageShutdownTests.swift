import ChatCore
import Foundation
import ParleyTestSupport
import SQLKit
import Testing

@testable import ChatStorage

/// Closing storage whatever else is happening: a service group torn down by cancellation (a
/// test over its time limit, a failing service), or queries still running.
@Suite("Closing storage", .timeLimit(.minutes(2)))
struct StorageShutdownTests {
    @Test(arguments: TestBackend.available)
    func closingFromACancelledTaskStillClosesTheDatabase(_ backend: TestBackend) async throws {
        try await withScratchDatabase(backend) { database in
            let storage = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            try await storage.ping()
            let closing = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                await storage.close()
            }
            await closing.value
            try await Self.expectClosed(storage, database)
        }
    }

    /// SQLite's connections refuse work once closed; PostgreSQL's pool would open new ones, so
    /// there the server is asked which connections to the database are left.
    static func expectClosed(_ storage: SQLStorage, _ database: ScratchDatabase, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard case .postgres = database.location else {
            await #expect(throws: (any Error).self, "the connections are closed", sourceLocation: sourceLocation) { try await storage.ping() }
            return
        }
        let checker = try await SQLStorage.open(database.location, logger: .quiet, poolSize: 1)
        do {
            try await waitUntil("the closed connections to leave the server") {
                try await checker.backend.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database()").first()?
                        .decode(column: "n", as: Int.self)
                } == 1
            }
            await checker.close()
        } catch {
            await checker.close()
            throw error
        }
    }

    @Test(arguments: TestBackend.sharedDatabase)
    func closingWhileAQueryRunsLetsItFinishThenClosesItsConnection(_ backend: TestBackend) async throws {
        try await withScratchDatabase(backend) { database in
            let storage = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            let running = Task {
                try await storage.backend.read { db in try await db.raw("SELECT pg_sleep(0.5) AS slept").run() }
            }
            try await waitUntil("the query to run") {
                let sleeping = try await storage.backend.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'")
                        .first()?.decode(column: "n", as: Int.self)
                }
                return sleeping == 1
            }
            await storage.close()
            try await running.value
            try await Self.expectClosed(storage, database)
        }
    }
}
