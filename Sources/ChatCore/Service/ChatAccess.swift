/// Who may see which chat. Visitors see their own chat only, and a chat that is not
/// theirs looks to them as if it did not exist; agents see their departments' chats, the
/// chats they serve and the chats offered to them (a transfer from another department);
/// admins see every chat.
struct ChatAccess: Sendable {
    let store: any ChatStore

    func visibleChat(_ id: ChatID, to principal: Principal) async throws -> Chat {
        if case .visitor(_, let own) = principal.role, own != id {
            throw ChatError.chatNotFound(id)
        }
        guard let chat = try await store.chat(id) else { throw ChatError.chatNotFound(id) }
        if case .agent(let agent) = principal.role, !Self.agent(agent, sees: chat) {
            throw ChatError.forbidden(reason: "This chat belongs to a department you do not serve.")
        }
        return chat
    }

    static func agent(_ agent: Agent, sees chat: Chat) -> Bool {
        agent.isAdmin || agent.serves(chat.departmentID) || chat.agentID == agent.id || chat.offer?.agentID == agent.id
    }

    static func scope(of principal: Principal) -> EventScope {
        switch principal.role {
        case .agent(let agent) where agent.isAdmin: .everything
        case .agent(let agent): .agent(agent.id, departments: Set(agent.departmentIDs))
        case .visitor(_, let chat): .chat(chat)
        }
    }
}
