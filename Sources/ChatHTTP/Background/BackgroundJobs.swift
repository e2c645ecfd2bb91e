import ChatCore
import Logging
import ServiceLifecycle

/// The server's timers. Offers that rang out are withdrawn every sweep interval; chats their
/// visitors abandoned are ended, and every queue is routed again (a safety net behind the
/// event-driven routing), every tenth; sessions no token can open any more are deleted hourly.
enum BackgroundJobs {
    static let sessionPurgeInterval: Duration = .seconds(3600)

    static func all(_ services: ParleyServices, sweepInterval: Duration, logger: Logger) -> [any Service] {
        let (routing, chats, auth, agentSessions) = (services.routing, services.chats, services.auth, services.agentSessions)
        return [
            RecurringJob(name: "offer expiry", interval: sweepInterval, logger: logger) {
                try await routing.expireOffers()
            },
            RecurringJob(name: "abandoned chat sweep", interval: sweepInterval * 10, logger: logger) {
                try await chats.endAbandonedChats()
            },
            RecurringJob(name: "queue sweep", interval: sweepInterval * 10, logger: logger) {
                try await routing.routeEverywhere()
            },
            RecurringJob(name: "session purge", interval: sessionPurgeInterval, logger: logger) {
                let purged = try await auth.purgeExpiredSessions() + agentSessions.purgeEnded()
                if purged > 0 { logger.info("purged expired sessions", metadata: ["sessions": "\(purged)"]) }
            },
            TypingFollower(board: services.typing, bus: services.bus),
        ]
    }
}
