import ChatCore
import ChatStorage
import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// A fresh, empty database for one test: a new SQLite file, or a new PostgreSQL database
/// created next to the one PARLEY_TEST_POSTGRES_URL names and dropped afterwards.
public struct ScratchDatabase: Sendable {
    public let location: StorageLocation
    private let cleanup: @Sendable () async throws -> Void

    public static func make(_ backend: TestBackend) async throws -> ScratchDatabase {
        switch backend {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return ScratchDatabase(location: .sqliteFile(path: directory.appendingPathComponent("parley.sqlite").path)) {
                try? FileManager.default.removeItem(at: directory)
            }
        case .postgres:
            let base = try unwrap(
                ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"],
                "PARLEY_TEST_POSTGRES_URL (CI=true expects PostgreSQL: run the suite under scripts/with-postgres.sh)"
            )
            let name = "parley_t_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
            var components = try unwrap(URLComponents(string: base), "PARLEY_TEST_POSTGRES_URL")
            components.path = "/" + name
            let url = try unwrap(components.string, "scratch database URL")
            await DatabaseSlots.postgres.acquire()
            do {
                try await administer(base, "CREATE DATABASE \(name)")
            } catch {
                await DatabaseSlots.postgres.release()
                throw error
            }
            return ScratchDatabase(location: .postgres(url: url)) {
                defer { Task { await DatabaseSlots.postgres.release() } }
                try await administer(base, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        }
    }

    /// Connections per storage a test opens: enough for its races, few enough for many tests.
    public static let poolSize = 4

    public func remove() async throws {
        try await cleanup()
    }

    private static func administer(_ url: String, _ statement: String) async throws {
        let components = try unwrap(URLComponents(string: url), "PARLEY_TEST_POSTGRES_URL")
        let configuration = PostgresConnection.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: String(components.path.dropFirst()), tls: .disable
        )
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: Logger(label: "test")
        )
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Logger(label: "test"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

struct MissingTestSetting: Error, CustomStringConvertible {
    let description: String
}

private func unwrap<T>(_ value: T?, _ name: String) throws -> T {
    guard let value else { throw MissingTestSetting(description: "\(name) is missing or malformed") }
    return value
}

/// Runs `body` with an open, migrated storage on a fresh database, and cleans up after.
public func withStorage(_ backend: TestBackend, _ body: (SQLStorage) async throws -> Void) async throws {
    try await withStorage(backend) { storage, _ in try await body(storage) }
}

/// Like `withStorage`, also handing over the database, for tests that open it a second time.
public func withStorage(_ backend: TestBackend, _ body: (SQLStorage, ScratchDatabase) async throws -> Void) async throws {
    try await withScratchDatabase(backend) { database in
        let storage = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
        do {
            try await body(storage, database)
            await storage.close()
        } catch {
            await storage.close()
            throw error
        }
    }
}

/// Runs `body` with a fresh, empty database, and removes it after, whatever happens.
public func withScratchDatabase(_ backend: TestBackend, _ body: (ScratchDatabase) async throws -> Void) async throws {
    let database = try await ScratchDatabase.make(backend)
    do {
        try await body(database)
    } catch {
        try? await database.remove()
        throw error
    }
    try await database.remove()
}

extension Logger {
    /// A logger for tests: warnings and worse.
    public static var quiet: Logger {
        var logger = Logger(label: "parley-test")
        logger.logLevel = .warning
        return logger
    }
}
