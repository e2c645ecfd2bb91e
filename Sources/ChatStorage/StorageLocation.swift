/// Where Parley keeps its data.
public enum StorageLocation: Sendable, Equatable {
    case sqliteFile(path: String)
    case sqliteInMemory
    case postgres(url: String)

    /// Parses `sqlite:PATH`, `sqlite::memory:` or `postgres://user:pass@host:port/db`.
    public init(url: String) throws {
        if url == "sqlite::memory:" {
            self = .sqliteInMemory
        } else if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StorageConfigurationError.malformedURL(url: url) }
            self = .sqliteFile(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            _ = try PostgresBackend.configuration(from: url)
            self = .postgres(url: url)
        } else {
            throw StorageConfigurationError.malformedURL(url: PostgresBackend.redacted(url))
        }
    }
}

public enum StorageConfigurationError: Error, CustomStringConvertible {
    case malformedURL(url: String)

    public var description: String {
        switch self {
        case .malformedURL(let url):
            "Database URL '\(url)' is not of the form sqlite:PATH, sqlite::memory: or postgres://user:password@host:port/database"
        }
    }
}
