import ChatCore
import Logging
import NIOPosix
import PostgresNIO
import ServiceLifecycle

/// The event bus of Parley instances that share one PostgreSQL database. A notice reaches
/// this instance's listeners at once, and the other instances' through NOTIFY on one
/// channel; each instance LISTENs on it and hands on what the others published.
///
/// Sending and listening run on one dedicated connection, off the request path: `publish`
/// only queues. A notice lost on the way (a dropped connection, a full queue) costs a
/// reader on another instance a late wake-up, never an event: readers re-read the store
/// from their cursor, at the latest when their wait times out.
public final class PostgresEventBus: EventBus, Service {
    static let channel = "parley_events"

    private let local = LocalEventBus()
    /// Tells this instance's notices from the others' when they come back through LISTEN.
    private let origin = IdentifierGenerator.hex(byteCount: 8)
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let outgoing: AsyncStream<String>
    private let outgoingContinuation: AsyncStream<String>.Continuation

    init(configuration: PostgresConnection.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        (outgoing, outgoingContinuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(4096))
    }

    public func publish(_ notice: ChatNotice) async {
        await local.publish(notice)
        if let payload = BusMessage(notice, origin: origin).payload {
            outgoingContinuation.yield(payload)
        }
    }

    public func listen(to scope: EventScope) -> EventListener {
        local.listen(to: scope)
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
                for await payload in self.outgoing {
                    try await connection.query("SELECT pg_notify(\(Self.channel), \(payload))", logger: self.logger)
                }
            }
            // Either side failing means the connection is gone: start over with a new one.
            try await group.next()
            group.cancelAll()
        }
    }
}
