import ChatCore
import Hummingbird

extension APIError {
    /// The caller's address holds as many open feeds as it may.
    static func tooManyFeeds(_ refusal: TooManyFeeds) -> APIError {
        APIError(
            status: .tooManyRequests, code: "too_many_feeds",
            message: "Your address already holds \(refusal.limit) open feeds; close one or try again later.",
            headers: [.retryAfter: "10"]
        )
    }
}

/// Runs a long-poll, answering 429 with `Retry-After` when the client's address holds too many feeds.
func withFeedLimit<T>(_ poll: () async throws -> T) async throws -> T {
    do {
        return try await poll()
    } catch let refusal as TooManyFeeds {
        throw APIError.tooManyFeeds(refusal)
    }
}
