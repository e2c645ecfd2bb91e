import Logging
import Synchronization

/// Keeps what is logged, so a test can read what the code under test wrote (which file and
/// key an error named, what the request log said of a request).
public final class RecordingLogHandler: LogHandler, Sendable {
    public struct Entry: Sendable {
        public let level: Logger.Level
        public let message: String
        public let metadata: [String: String]
    }

    private let entries = Mutex<[Entry]>([])

    public init() {}

    public var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    public var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    public var recorded: [Entry] { entries.withLock { $0 } }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    public func log(event: LogEvent) {
        let entry = Entry(level: event.level, message: event.message.description, metadata: (event.metadata ?? [:]).mapValues { "\($0)" })
        entries.withLock { $0.append(entry) }
    }

    public var logger: Logger { Logger(label: "parley-test-log") { _ in self } }
}
