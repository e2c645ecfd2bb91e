import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// A fixed-size pool of PostgreSQL connections, opened on demand and replaced when closed.
/// Kept small and explicit so that storage can be used before any service runs.
final class PostgresConnectionPool: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var isClosed = false
        var nextID = 0
    }

    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let permits: AsyncSemaphore
    private let state = Mutex(State())

    init(configuration: PostgresConnection.Configuration, size: Int, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.permits = AsyncSemaphore(permits: size)
    }

    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await permits.withPermit {
            let connection = try await checkOut()
            do {
                let result = try await body(connection)
                checkIn(connection)
                return result
            } catch {
                checkIn(connection)
                throw error
            }
        }
    }

    func close() async {
        let connections = state.withLock { state in
            state.isClosed = true
            defer { state.idle.removeAll() }
            return state.idle
        }
        for connection in connections {
            try? await connection.close()
        }
    }

    private func checkOut() async throws -> PostgresConnection {
        let (reused, id) = state.withLock { state -> (PostgresConnection?, Int) in
            while let connection = state.idle.popLast() {
                if !connection.isClosed { return (connection, 0) }
                state.open -= 1
            }
            state.open += 1
            state.nextID += 1
            return (nil, state.nextID)
        }
        if let reused { return reused }
        do {
            return try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
            )
        } catch {
            state.withLock { $0.open -= 1 }
            throw error
        }
    }

    private func checkIn(_ connection: PostgresConnection) {
        let keep = state.withLock { state in
            guard !state.isClosed, !connection.isClosed else {
                state.open -= 1
                return false
            }
            state.idle.append(connection)
            return true
        }
        if !keep {
            // Held until the channel has closed: a connection released while still open traps.
            connection.close().whenComplete { _ in _ = connection }
        }
    }
}
