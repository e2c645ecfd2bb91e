import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through a pool of connections. Several Parley instances may share the database.
final class PostgresBackend: SQLBackend {
    let kind = SQLBackendKind.postgres
    let configuration: PostgresConnection.Configuration

    private let pool: PostgresConnectionPool

    init(configuration: PostgresConnection.Configuration, poolSize: Int, logger: Logger) {
        self.configuration = configuration
        pool = PostgresConnectionPool(configuration: configuration, size: poolSize, logger: logger)
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await pool.withConnection { connection in
            try await transaction(on: connection.sql(queryLogLevel: nil), body)
        }
    }

    func close() async {
        await pool.close()
    }

    /// Reads `postgres://user:password@host:port/database`. TLS is not offered yet:
    /// connect over loopback, a private network or a local TLS proxy.
    static func configuration(from url: String) throws -> PostgresConnection.Configuration {
        guard let components = URLComponents(string: url),
              ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty,
              let user = components.user, !user.isEmpty
        else { throw StorageConfigurationError.malformedURL(url: redacted(url)) }
        let database = String(components.path.drop(while: { $0 == "/" }))
        return PostgresConnection.Configuration(
            host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database, tls: .disable
        )
    }

    /// The URL without its password, for error messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://***"
    }
}
