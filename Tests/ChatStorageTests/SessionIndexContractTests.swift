import ParleyTestSupport
import SQLKit
import Testing

@testable import ChatStorage

/// Revoking an agent's sessions (a password change) finds them by index on both databases.
@Suite("Session indexes", .timeLimit(.minutes(3)))
struct SessionIndexContractTests {
    @Test(arguments: TestBackend.available)
    func sessionsAreIndexedByAgent(_ backend: TestBackend) async throws {
        try await withStorage(backend) { storage in
            let query: SQLQueryString = switch backend {
            case .sqlite: "SELECT name AS index_name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'"
            case .postgres: "SELECT indexname AS index_name FROM pg_indexes WHERE tablename = 'sessions'"
            }
            let names = try await storage.backend.read { db in
                try await db.raw(query).all().map { try $0.decode(column: "index_name", as: String.self) }
            }
            #expect(names.contains("sessions_by_agent"), "\(names)")
        }
    }
}
