import ChatCore
import Hummingbird

/// `/v1/chats/{chatId}/messages/{eventId}`: the author of a message edits or deletes it.
struct MessageAmendmentsController {
    let chats: ChatService
    let limits: HTTPLimits

    struct EditRequest: Decodable {
        let text: String
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.patch("chats/:chatId/messages/:eventId", use: edit)
        router.delete("chats/:chatId/messages/:eventId", use: delete)
    }

    /// `{"text": "..."}`: the new text; answers the `message_edited` event.
    @Sendable func edit(_ request: Request, context: ParleyRequestContext) async throws -> EventResponse {
        var request = request
        let principal = try context.requirePrincipal()
        let (chat, message) = try target(context)
        let body = try await request.decodeJSON(EditRequest.self, limit: limits.maxBodyBytes)
        return EventResponse(try await chats.editMessage(message, in: chat, to: body.text, as: principal))
    }

    /// Answers the `message_deleted` event.
    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> EventResponse {
        let principal = try context.requirePrincipal()
        let (chat, message) = try target(context)
        return EventResponse(try await chats.deleteMessage(message, in: chat, as: principal))
    }

    /// The chat and the message's per-chat event id; an id that is no number names no message.
    private func target(_ context: ParleyRequestContext) throws -> (ChatID, Int) {
        let chat = ChatID(try context.parameters.required("chatId"))
        let text = try context.parameters.required("eventId")
        guard let id = Int(text), id >= 0 else { throw ChatError.messageNotFound(chat, -1) }
        return (chat, id)
    }
}
