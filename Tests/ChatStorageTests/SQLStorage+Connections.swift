import SQLKit

@testable import ChatStorage

extension SQLStorage {
    /// Ends every other connection to this PostgreSQL database, as a restart or a network
    /// failure would.
    func dropOtherConnections() async throws {
        try await backend.read { db in
            try await db.raw("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                """).run()
        }
    }
}
