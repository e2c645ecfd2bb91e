import Logging
import Synchronization

/// Keeps what is logged, so a test can read which file and key an error named.
final class RecordingLogHandler: LogHandler, Sendable {
    struct Entry: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let entries = Mutex<[Entry]>([])
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    var recorded: [Entry] { entries.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt
    ) {
        let entry = Entry(level: level, message: message.description, metadata: (metadata ?? [:]).mapValues { "\($0)" })
        entries.withLock { $0.append(entry) }
    }

    var logger: Logger { Logger(label: "calendars-test") { _ in self } }
}
