import ChatCore
import Logging
import ServiceLifecycle

/// Runs the timers: withdraws offers that timed out (every tick); every tenth tick, ends
/// chats their visitors abandoned and routes every queue (a safety net behind the
/// event-driven routing); every hour, deletes sessions no token can open any more. A few
/// queries per tick for the whole server, never per client.
struct RoutingSweeper: Service {
    let routing: RoutingService
    let chats: ChatService
    let auth: AuthService
    let agentSessions: AgentSessionService
    let interval: Duration
    let logger: Logger
    let housekeepingInterval: Duration = .seconds(3600)

    func run() async throws {
        var tick = 0
        var lastHousekeeping: ContinuousClock.Instant?
        while !Task.isCancelledOrShuttingDown {
            do {
                try await routing.expireOffers()
                if tick % 10 == 0 {
                    try await chats.endAbandonedChats()
                    try await routing.routeEverywhere()
                }
                if lastHousekeeping.map({ ContinuousClock.now - $0 >= housekeepingInterval }) ?? true {
                    lastHousekeeping = .now
                    let sessions = try await auth.purgeExpiredSessions()
                    let agentSessions = try await agentSessions.purgeEnded()
                    if sessions + agentSessions > 0 {
                        logger.info("purged expired sessions", metadata: ["sessions": "\(sessions)", "agentSessions": "\(agentSessions)"])
                    }
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
