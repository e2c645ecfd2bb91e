import ArgumentParser
import ChatHTTP
import ChatStorage
import Foundation
import Logging

/// Settings every command shares. Each flag falls back to its environment variable, then
/// to a default; a malformed value stops the command with a message naming the setting.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on (PARLEY_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (PARLEY_PORT, default 8080).")
    var port: Int?

    @Option(help: "sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db (PARLEY_DATABASE_URL, default sqlite:<data-dir>/parley.sqlite).")
    var databaseURL: String?

    @Option(help: "Directory for the SQLite database and the generated JWT secret (PARLEY_DATA_DIR, default ./parley-data).")
    var dataDir: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (PARLEY_LOG_LEVEL, default info).")
    var logLevel: String?

    func config(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        try ConfigLoader(environment: environment).load(
            host: host, port: port, databaseURL: databaseURL, dataDir: dataDir, logLevel: logLevel
        )
    }

    func logger(for config: AppConfig) -> Logger {
        var logger = Logger(label: "parley")
        logger.logLevel = config.logLevel
        return logger
    }
}
