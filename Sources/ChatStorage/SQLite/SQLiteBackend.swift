import Logging
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite through one writer connection and a few reader connections in WAL mode:
/// readers never wait for the writer, and writes are serialised in this process, so
/// transactions never meet SQLITE_BUSY among themselves.
final class SQLiteBackend: SQLBackend {
    let kind = SQLBackendKind.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writeGate = AsyncSemaphore(permits: 1)
    private let nextReader = Atomic<Int>(0)

    private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
    }

    /// Opens the database file (nil: a private in-memory database) and sets it up for
    /// durable, concurrent use.
    static func open(path: String?, readerCount: Int, logger: Logger) async throws -> SQLiteBackend {
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        let writer = try await SQLiteConnection.open(storage: storage, logger: logger)
        let db = writer.sql()
        if path != nil {
            try await db.raw("PRAGMA journal_mode=WAL").run()
        }
        // FULL: a commit reaches the disk before it is acknowledged.
        try await db.raw("PRAGMA synchronous=FULL").run()
        try await db.raw("PRAGMA foreign_keys=ON").run()
        try await db.raw("PRAGMA busy_timeout=5000").run()
        var readers: [SQLiteConnection] = []
        // An in-memory database is private to its connection: everything goes through the writer.
        if path != nil {
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
                try await reader.sql().raw("PRAGMA busy_timeout=5000").run()
                try await reader.sql().raw("PRAGMA query_only=1").run()
                readers.append(reader)
            }
        }
        return SQLiteBackend(writer: writer, readers: readers)
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !readers.isEmpty else {
            return try await writeGate.withPermit { try await body(writer.sql()) }
        }
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count
        return try await body(readers[index].sql())
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeGate.withPermit {
            try await transaction(on: writer.sql(), begin: "BEGIN IMMEDIATE", body)
        }
    }

    func close() async {
        for connection in [writer] + readers {
            try? await connection.close()
        }
    }
}
