extension ChatService {
    /// A message through a face that has no "join" for agents (IPTP puts every agent of the
    /// department in the room): an agent who may take a waiting chat and replies to it takes it
    /// first, as if it had joined. Anyone else sends as `send` does.
    public func reply(_ text: String, clientMessageID: String?, to id: ChatID, as principal: Principal) async throws -> SentMessage {
        guard principal.agent != nil else { return try await send(text, clientMessageID: clientMessageID, to: id, as: principal) }
        let chat = try await access.visibleChat(id, to: principal)
        if chat.agentID == nil, chat.state == .queued || chat.state == .transferring {
            // Refuse a bad reply before taking the chat, so that it leaves the chat waiting.
            _ = try Validate.message(text, field: .messageText, limits: limits)
            _ = try Validate.clientMessageID(clientMessageID, limits: limits)
            _ = try await join(id, as: principal)
        }
        return try await send(text, clientMessageID: clientMessageID, to: id, as: principal)
    }
}
