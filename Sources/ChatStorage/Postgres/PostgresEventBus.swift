import ChatCore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The event bus of Parley instances that share one PostgreSQL database. A notice reaches
/// this instance's listeners at once, and the other instances' through NOTIFY on one
/// channel; each instance LISTENs on it and hands on what the others published.
///
/// Sending and listening run on one dedicated connection, off the request path: `publish`
/// only queues, and the queue goes out in batches, one statement and one commit (not
/// waited to disk: a notice needs no durability) however many notices wait. A notice lost
/// on the way (a dropped connection, an overfull queue) costs a reader on another instance
/// a late wake-up, never an event: readers re-read the store from their cursor, at the
/// latest when their wait times out.
public final class PostgresEventBus: EventBus, Service {
    static let channel = "parley_events"

    private let local = LocalEventBus()
    /// Tells this instance's notices from the others' when they come back through LISTEN.
    private let origin = IdentifierGenerator.hex(byteCount: 8)
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    /// Payloads waiting to be sent.
    private let pending = Mutex<[String]>([])
    /// Wakes the current connection's sender. Each connection gets its own: a stream whose
    /// reader was cancelled (its connection dropped) never yields again.
    private let wakeSender = Mutex<AsyncStream<Void>.Continuation?>(nil)
    /// Beyond this many waiting payloads, the oldest are dropped.
    private let maxPending = 10_000

    init(configuration: PostgresConnection.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func publish(_ notice: ChatNotice) async {
        await local.publish(notice)
        guard let payload = BusMessage(notice, origin: origin).payload else { return }
        pending.withLock { pending in
            pending.append(payload)
            if pending.count > maxPending { pending.removeFirst(pending.count - maxPending) }
        }
        wakeSender.withLock { $0 }?.yield()
    }

    public func listen(to scope: EventScope) -> EventListener {
        local.listen(to: scope)
    }

    /// How many readers of this instance are listening; for diagnostics and tests.
    public var listenerCount: Int {
        local.listenerCount
    }

    /// Keeps a connection that sends this instance's notices and listens for the others',
    /// reconnecting after a second when it drops, until the service group shuts down.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.connectAndRelay()
                } catch where !Task.isCancelled {
                    self.logger.warning("event bus connection lost; reconnecting", metadata: ["error": "\(String(reflecting: error))"])
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    private func connectAndRelay() async throws {
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 0, logger: logger
        )
        do {
            try await relay(on: connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }

    private func relay(on connection: PostgresConnection) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await connection.listen(on: Self.channel) { notifications in
                    for try await notification in notifications {
                        guard let message = BusMessage(payload: notification.payload), message.origin != self.origin,
                              let notice = message.notice else { continue }
                        await self.local.publish(notice)
                    }
                }
            }
            group.addTask {
                try await Self.send("SET synchronous_commit TO off", on: connection, logger: self.logger)
                let (wake, sender) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
                self.wakeSender.withLock { $0 = sender }
                // What was published while disconnected goes out first.
                sender.yield()
                for await _ in wake {
                    let batch = self.pending.withLock { pending in
                        defer { pending.removeAll() }
                        return pending
                    }
                    guard !batch.isEmpty else { continue }
                    try await Self.send(
                        "SELECT pg_notify(\(Self.channel), payload) FROM unnest(\(batch)::text[]) AS payload", on: connection, logger: self.logger
                    )
                }
            }
            // Either side failing means the connection is gone: start over with a new one.
            try await group.next()
            group.cancelAll()
        }
    }

    /// Sends `query` from the connection's event loop, where nothing closes the connection
    /// in between: PostgresNIO never answers a query written to a connection that has just
    /// closed. A connection can still close while the answer is awaited, so the wait also
    /// ends when the task is cancelled (a shutdown, or the listening side losing the
    /// connection), leaving the answer behind instead of waiting for it forever.
    private static func send(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws {
        let answer = connection.eventLoop.flatSubmit {
            connection.isClosed
                ? connection.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
                : connection.query(query, logger: logger)
        }
        try await CancellableWait.value(of: answer)
    }
}
