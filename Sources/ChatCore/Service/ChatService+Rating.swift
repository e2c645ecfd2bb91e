import Foundation

extension ChatService {
    /// The chat's own visitor rates it (see `ChatTransitions.rate`); to anyone else the chat
    /// does not exist. Answers the `rated` event, which every feed of the chat then carries.
    public func rate(score: Int, comment: String?, in id: ChatID, as principal: Principal) async throws -> ChatEvent {
        guard let visitor = principal.visitorID else { throw ChatError.chatNotFound(id) }
        _ = try await access.visibleChat(id, to: principal)
        let rating = try Validate.rating(score: score, comment: comment)
        let date = now()
        let update = try await log.update(id, at: date) { chat in
            try ChatTransitions.rate(rating, in: chat, by: visitor, at: date, maxEvents: limits.maxChatEvents)
        }
        return try update.lastEvent()
    }
}
