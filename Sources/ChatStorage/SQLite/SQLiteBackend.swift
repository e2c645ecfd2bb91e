import Logging
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite through one writer connection and a few reader connections in WAL mode:
/// readers never wait for the writer, and writes are serialised in this process, so
/// transactions never meet SQLITE_BUSY among themselves.
///
/// Writes are group-committed: the writes that arrive while a transaction is committing
/// wait, then run together in the next transaction, each in its own savepoint (so one that
/// fails leaves the others intact), and are acknowledged after that transaction's single
/// fsync. Every write is still durable before its caller hears of it.
final class SQLiteBackend: SQLBackend {
    let kind = SQLBackendKind.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let nextReader = Atomic<Int>(0)
    private let pending = Mutex(PendingWrites())

    /// A write waiting for the next transaction.
    private struct Job: Sendable {
        /// Runs the write inside the transaction and returns how to answer its caller once the
        /// transaction commits (nil) or fails (the error).
        let run: @Sendable (any SQLDatabase) async -> @Sendable ((any Error)?) -> Void
        /// Answers the caller when the transaction could not even begin.
        let fail: @Sendable (any Error) -> Void
    }

    private struct PendingWrites {
        var jobs: [Job] = []
        var isCommitting = false
    }

    /// The most writes one transaction takes, so a burst cannot hold every caller for long.
    private static let maxBatch = 128

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
        // An in-memory database has only the writer's connection: read between its transactions.
        guard !readers.isEmpty else { return try await write(body) }
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count
        return try await body(readers[index].sql())
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // The caller waits until its job has run and committed, so `body` never outlives this call.
        try await withoutActuallyEscaping(body) { body in
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let job = Job(
                    run: { db in
                        let result = await Self.inSavepoint(db) { try await body(db) }
                        return { commitError in
                            if let commitError { continuation.resume(throwing: commitError) } else { continuation.resume(with: result) }
                        }
                    },
                    fail: { continuation.resume(throwing: $0) }
                )
                let startsCommitter = pending.withLock { pending in
                    pending.jobs.append(job)
                    defer { pending.isCommitting = true }
                    return !pending.isCommitting
                }
                if startsCommitter {
                    Task { await self.commitPendingWrites() }
                }
            }
        }
    }

    /// Commits batches of pending writes until none is left.
    private func commitPendingWrites() async {
        while true {
            var batch: [Job] = pending.withLock { pending in
                let batch = Array(pending.jobs.prefix(Self.maxBatch))
                pending.jobs.removeFirst(batch.count)
                if batch.isEmpty { pending.isCommitting = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let db = writer.sql()
            do {
                try await db.raw("BEGIN IMMEDIATE").run()
            } catch {
                let fails = batch.map(\.fail)
                batch.removeAll()
                for fail in fails { fail(error) }
                continue
            }
            var answers: [@Sendable ((any Error)?) -> Void] = []
            // Each job is dropped once it has run: nothing may keep a caller's closure past its answer.
            while !batch.isEmpty {
                let job = batch.removeFirst()
                answers.append(await job.run(db))
            }
            var failure: (any Error)?
            do {
                try await db.raw("COMMIT").run()
            } catch {
                try? await db.raw("ROLLBACK").run()
                failure = error
            }
            for answer in answers { answer(failure) }
        }
    }

    /// Runs `body` in a savepoint that is kept if it succeeds and undone if it throws.
    private static func inSavepoint<T>(_ db: any SQLDatabase, _ body: () async throws -> T) async -> Result<T, any Error> {
        do {
            try await db.raw("SAVEPOINT parley_write").run()
        } catch {
            return .failure(error)
        }
        do {
            let value = try await body()
            try await db.raw("RELEASE parley_write").run()
            return .success(value)
        } catch {
            try? await db.raw("ROLLBACK TO parley_write").run()
            try? await db.raw("RELEASE parley_write").run()
            return .failure(error)
        }
    }

    func close() async {
        for connection in [writer] + readers {
            // The future-based close runs even when the calling task is cancelled (a service
            // group torn down): the async one would skip it and leave the file open.
            try? await connection.close().get()
        }
    }
}
