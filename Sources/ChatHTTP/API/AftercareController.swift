import ChatCore
import Hummingbird

/// What a chat's visitor does once an agent served it: rate the chat, and have its
/// transcript mailed (agents may mail it too).
struct AftercareController {
    let chats: ChatService
    let transcripts: TranscriptService
    let limits: HTTPLimits

    struct RatingRequest: Decodable {
        let score: Int
        let comment: String?
    }

    struct TranscriptRequest: Decodable {
        let email: String?
    }

    struct QueuedResponse: ResponseCodable {
        let queued: Bool
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.post("chats/:chatId/rating", use: rate)
        router.post("chats/:chatId/transcript", use: mailTranscript)
    }

    /// `{"score": 1-5, "comment"?}` from the chat's visitor: 201 with the `rating` event.
    @Sendable func rate(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<EventResponse> {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(RatingRequest.self, limit: limits.maxBodyBytes)
        let event = try await chats.rate(score: body.score, comment: body.comment, in: chatID(context), as: principal)
        return EventResponse(event).created
    }

    /// `{"email"?}`: 202 once the mail is queued.
    @Sendable func mailTranscript(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<QueuedResponse> {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(TranscriptRequest.self, limit: limits.maxBodyBytes)
        try await transcripts.send(chatID(context), to: body.email, as: principal)
        return EditedResponse(status: .accepted, response: QueuedResponse(queued: true))
    }

    private func chatID(_ context: ParleyRequestContext) throws -> ChatID {
        ChatID(try context.parameters.required("chatId"))
    }
}
