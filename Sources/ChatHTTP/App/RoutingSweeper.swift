import ChatCore
import Logging
import ServiceLifecycle

/// Runs the routing timers: withdraws offers that timed out (every tick) and, as a safety
/// net behind the event-driven routing, routes every queue (every tenth tick). One query
/// per tick for the whole server, never one per waiting client.
struct RoutingSweeper: Service {
    let routing: RoutingService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        var tick = 0
        while !Task.isCancelledOrShuttingDown {
            do {
                try await routing.expireOffers()
                if tick % 10 == 0 { try await routing.routeEverywhere() }
            } catch {
                logger.error("routing sweep failed", metadata: ["error": "\(error)"])
            }
            tick += 1
            try? await Task.sleep(for: interval)
        }
    }
}

extension Task where Success == Never, Failure == Never {
    /// True once the task is cancelled or the service group is shutting down.
    static var isCancelledOrShuttingDown: Bool {
        isCancelled || isShuttingDownGracefully
    }
}
