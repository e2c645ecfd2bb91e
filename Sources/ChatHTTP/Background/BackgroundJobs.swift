import ChatCore
import Logging
import ServiceLifecycle

/// The server's timers. Offers that rang out are withdrawn every sweep interval, and every
/// tenth run also routes every queue again (a safety net behind the event-driven routing);
/// chats their visitors abandoned are ended, and visitors gone silent are announced as gone,
/// every ten intervals; business calendar files are re-read when they change; sessions no token can open any more are deleted hourly; visitors gone
/// past the retention period are erased daily.
enum BackgroundJobs {
    static let sessionPurgeInterval: Duration = .seconds(3600)
    static let visitorRetentionInterval: Duration = .seconds(86_400)

    static func all(_ services: ParleyServices, sweepInterval: Duration, calendarReload: Duration, logger: Logger) -> [any Service] {
        let (routing, chats, auth, agentSessions) = (services.routing, services.chats, services.auth, services.agentSessions)
        let visitors = services.visitors
        let privacy = services.privacy
        var jobs: [any Service] = [
            // One job, so that a sweep never routes a chat between the withdrawal of an offer
            // that rang out and its agent being set away (which would offer it to them again).
            RecurringJob(name: "routing sweep", interval: sweepInterval, logger: logger, everyNth: 10) { isNth in
                try await routing.expireOffers()
                if isNth { try await routing.routeEverywhere() }
            },
            RecurringJob(name: "abandoned chat sweep", interval: sweepInterval * 10, logger: logger) { _ in
                try await chats.endAbandonedChats()
            },
            RecurringJob(name: "visitor departures", interval: sweepInterval * 10, logger: logger) { _ in
                // Batches of 500: a backlog is worked off over the next runs.
                _ = try await visitors.announceDepartures()
            },
            RecurringJob(name: "session purge", interval: sessionPurgeInterval, logger: logger) { _ in
                let purged = try await auth.purgeExpiredSessions() + agentSessions.purgeEnded()
                if purged > 0 { logger.info("purged expired sessions", metadata: ["sessions": "\(purged)"]) }
            },
            TypingFollower(board: services.typing, bus: services.bus),
            RecurringJob(name: "business calendar reload", interval: calendarReload, logger: logger) { [calendars = services.calendars] _ in
                calendars.reload()
            },
        ]
        if privacy.settings.retention != nil {
            jobs.append(RecurringJob(name: "visitor retention", interval: visitorRetentionInterval, logger: logger) { _ in
                let erased = try await privacy.eraseForgottenVisitors()
                if erased > 0 { logger.info("erased visitors past retention", metadata: ["visitors": "\(erased)"]) }
            })
        }
        return jobs
    }
}
