import ChatCore
import Foundation
import Logging
import SQLKit

/// Parley's storage over SQL: one code path for SQLite and PostgreSQL, with bound
/// parameters only. The few dialect differences live in `SQLBackendKind` and the migrations.
public final class SQLStorage: ParleyStore {
    let backend: any SQLBackend
    /// Where attachments' bytes are kept when they are not in the database (SQLite).
    let files: AttachmentFiles?

    init(backend: any SQLBackend, files: AttachmentFiles?) {
        self.backend = backend
        self.files = files
    }

    /// Opens the database at `location` and brings its schema up to date.
    public static func open(_ location: StorageLocation, logger: Logger, poolSize: Int = 8) async throws -> SQLStorage {
        let backend: any SQLBackend
        let migrations: [Migration]
        let files: AttachmentFiles?
        switch location {
        case .sqliteFile(let path):
            // Attachments live beside the database file, in the deployment's data directory.
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("attachments")
            files = try AttachmentFiles.open(directory)
            backend = try await SQLiteBackend.open(path: path, readerCount: 2, logger: logger)
            migrations = SQLiteMigrations.all
        case .sqliteInMemory:
            // A database that lives as long as the process keeps its files just as briefly.
            files = try AttachmentFiles.open(
                FileManager.default.temporaryDirectory.appendingPathComponent("parley-attachments-\(UUID().uuidString)")
            )
            backend = try await SQLiteBackend.open(path: nil, readerCount: 0, logger: logger)
            migrations = SQLiteMigrations.all
        case .postgres(let url):
            files = nil
            backend = PostgresBackend(configuration: try PostgresBackend.configuration(from: url), poolSize: poolSize, logger: logger)
            migrations = PostgresMigrations.all
        }
        do {
            try await Migrator.migrate(backend, steps: migrations)
        } catch {
            await backend.close()
            throw error
        }
        return SQLStorage(backend: backend, files: files)
    }

    /// The event bus that suits this storage: in-process for SQLite, whose file one instance
    /// owns; over LISTEN/NOTIFY for PostgreSQL, which several instances may share.
    public func makeEventBus(logger: Logger) -> any EventBus {
        guard let postgres = backend as? PostgresBackend else { return LocalEventBus() }
        return PostgresEventBus(configuration: postgres.configuration, logger: logger)
    }

    public func ping() async throws {
        _ = try await backend.read { db in try await db.raw("SELECT 1 AS one").first() }
    }

    /// Closes every connection. The storage must not be used afterwards.
    public func close() async {
        await backend.close()
    }
}

extension Date {
    var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    init(millisecondsSince1970 ms: Int64) { self.init(timeIntervalSince1970: Double(ms) / 1000) }
}
