import ChatCore
import Hummingbird

/// `GET /v1/captcha`: a captcha for a visitor to solve before starting a chat with `POST /v1/chats`.
struct CaptchaController {
    let captchas: CaptchaService
    /// Shared with `/xm/captcha`, so that a client cannot add up the two allowances.
    let limiter: RateLimiter

    struct CaptchaResponse: ResponseCodable {
        let id: String
        /// A `data:image/svg+xml;base64,...` URL.
        let image: String
        let expiresAt: String
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("captcha", use: issue)
    }

    @Sendable func issue(_ request: Request, context: ParleyRequestContext) async throws -> CaptchaResponse {
        try limiter.check(context.rateLimitKey)
        let captcha = try await captchas.issue()
        return CaptchaResponse(id: captcha.id, image: captcha.image, expiresAt: captcha.expiresAt.iso8601)
    }
}
