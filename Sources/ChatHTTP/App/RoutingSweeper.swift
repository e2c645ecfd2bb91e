import ChatCore
import Logging
import ServiceLifecycle

/// Runs the timers: withdraws offers that timed out (every tick) and, every tenth tick,
/// ends chats their visitors abandoned and routes every queue (a safety net behind the
/// event-driven routing). A few queries per tick for the whole server, never per client.
struct RoutingSweeper: Service {
    let routing: RoutingService
    let chats: ChatService
    let interval: Duration
    let logger: Logger

    func run() async throws {
        var tick = 0
        while !Task.isCancelledOrShuttingDown {
            do {
                try await routing.expireOffers()
                if tick % 10 == 0 {
                    try await chats.endAbandonedChats()
                    try await routing.routeEverywhere()
                }
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
