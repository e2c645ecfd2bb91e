import ChatCore
import Hummingbird
import ServiceLifecycle

/// `GET /v1/sync?cursor=N|latest&timeout=S&limit=L`: the long-poll. Answers at once with the
/// events after `cursor` in every chat the caller may see, or waits up to `timeout`
/// seconds (capped) for one. An empty answer carries the same cursor back. A waiting poll also
/// answers at once, empty, when a newer feed of its session replaces it (beyond the session's
/// limit) or its session or rights change; an address holding too many feeds gets 429.
///
/// With `visitorRevision=N|latest` the caller also follows visitors (agents: every visitor on
/// the site; a visitor: itself, for its invitations): the answer carries the visitors changed
/// after revision N, each once as it is now, and the `visitorRevision` to send next time.
struct SyncController {
    let feed: EventFeed
    let visitors: VisitorService
    let limits: HTTPLimits

    struct SyncResponse: ResponseCodable {
        let cursor: Int64
        let events: [EventResponse]
        let typing: [TypingResponse]
        /// Agents' status changes (agents and supervisors only).
        let presence: [PresenceResponse]
        /// Visitors changed since the caller's `visitorRevision`, when it follows them.
        let visitors: [VisitorOverviewResponse]?
        let visitorRevision: Int64?
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("sync", use: sync)
    }

    @Sendable func sync(_ request: Request, context: ParleyRequestContext) async throws -> SyncResponse {
        let principal = try context.requirePrincipal()
        let cursor = try await request.feedCursor(feed)
        let timeout = try Self.timeout(request.queryInteger("timeout"), limits: limits)
        let limit = try request.queryInteger("limit") ?? limits.syncDefaultLimit
        let visitorRevision = try await request.visitorRevision(feed)
        // A shutting-down server answers waiting polls at once instead of holding them open.
        let batch = try await withFeedLimit {
            try await cancelWhenGracefulShutdown {
                try await feed.sync(
                    for: principal, after: cursor, visitorsAfter: visitorRevision, limit: limit, timeout: timeout, from: context.rateLimitKey
                )
            }
        }
        let changed = try await visitors.overviews(of: batch.visitors)
        return SyncResponse(
            cursor: batch.cursor.rawValue, events: batch.events.map(EventResponse.init),
            typing: batch.typing.map(TypingResponse.init), presence: batch.presence.map(PresenceResponse.init),
            visitors: batch.visitorRevision.map { _ in changed.map { VisitorOverviewResponse($0) } }, visitorRevision: batch.visitorRevision
        )
    }

    static func timeout(_ seconds: Int?, limits: HTTPLimits) throws -> Duration {
        guard let seconds else { return limits.longPollDefaultTimeout }
        guard seconds >= 0 else { throw APIError.badRequest("Query parameter 'timeout' must not be negative.") }
        return min(.seconds(seconds), limits.longPollMaxTimeout)
    }
}
