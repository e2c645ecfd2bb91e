extension ChatService {
    /// A message through a face that has no "join" for agents (IPTP puts every agent of the
    /// department in the room): an agent who may take a waiting chat and replies to it takes it
    /// first, as if it had joined (that first reply counts twice against the agent's message
    /// rate). Anything else is `send`, with no extra read on that path.
    public func reply(
        _ text: String, clientMessageID: String?, quoting: Int? = nil, to id: ChatID, as principal: Principal
    ) async throws -> SentMessage {
        do {
            return try await send(text, clientMessageID: clientMessageID, quoting: quoting, to: id, as: principal)
        } catch ChatError.notChatAgent(let refused) {
            // `send` checked the text before refusing, so a bad reply never takes the chat.
            let chat = try await access.visibleChat(id, to: principal)
            guard chat.agentID == nil, chat.state == .queued || chat.state == .transferring else {
                throw ChatError.notChatAgent(refused)
            }
            _ = try await join(id, as: principal)
            return try await send(text, clientMessageID: clientMessageID, quoting: quoting, to: id, as: principal)
        }
    }
}
