import ChatCore
import Hummingbird

extension FeedRegistry {
    /// Runs a long-poll of `principal` in a feed of its own (see `holding`); a client address
    /// that already holds too many feeds gets 429 with `Retry-After`.
    func poll<T: Sendable>(
        for principal: Principal, context: ParleyRequestContext, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await holding(session: principal.session, address: context.rateLimitKey, body)
        } catch let refusal as TooManyFeeds {
            throw APIError(
                status: .tooManyRequests, code: "too_many_feeds",
                message: "Your address already holds \(refusal.limit) open feeds; close one or try again later.",
                headers: [.retryAfter: "10"]
            )
        }
    }
}
