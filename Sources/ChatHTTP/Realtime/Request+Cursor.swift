import ChatCore
import Hummingbird

extension Request {
    /// The `cursor` query parameter of the feeds: the last cursor the client saw, `latest`
    /// for only what happens from now on, or the start of the log when absent.
    func feedCursor(_ feed: EventFeed) async throws -> EventCursor {
        if uri.queryParameters["cursor"] == "latest" {
            return try await feed.latestCursor()
        }
        let value = try queryInteger("cursor") ?? 0
        guard value >= 0 else { throw APIError.badRequest("Query parameter 'cursor' must be a non-negative integer or 'latest'.") }
        return EventCursor(Int64(value))
    }

    /// The `visitorRevision` query parameter: follow visitors' changes after this revision,
    /// `latest` for only the changes from now on; absent, the feed follows no visitors.
    func visitorRevision(_ feed: EventFeed) async throws -> Int64? {
        guard let value = uri.queryParameters["visitorRevision"] else { return nil }
        if value == "latest" { return try await feed.latestVisitorRevision() }
        guard let revision = Int64(String(value)), revision >= 0 else {
            throw APIError.badRequest("Query parameter 'visitorRevision' must be a non-negative integer or 'latest'.")
        }
        return revision
    }
}
