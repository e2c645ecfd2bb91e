/// Who may see which chat. Visitors see their own chats only; agents see their departments'
/// chats, the chats they serve and the chats offered to them (a transfer from another
/// department); admins see every chat. A chat someone may not see looks to them as if it
/// did not exist (404, not 403), so nobody learns which chats other departments hold.
struct ChatAccess: Sendable {
    let store: any ChatStore

    func visibleChat(_ id: ChatID, to principal: Principal) async throws -> Chat {
        guard let chat = try await store.chat(id), Self.scope(of: principal).covers(ChatAddress(chat)) else {
            throw ChatError.chatNotFound(id)
        }
        return chat
    }

    /// The same rule that decides which notices wake the agent's feeds and which events they read.
    static func agent(_ agent: Agent, sees chat: Chat) -> Bool {
        scope(of: agent).covers(ChatAddress(chat))
    }

    static func scope(of principal: Principal) -> EventScope {
        switch principal.role {
        case .agent(let agent): scope(of: agent)
        case .visitor(let visitor): .visitor(visitor)
        }
    }

    static func scope(of agent: Agent) -> EventScope {
        agent.isAdmin ? .everything : .agent(agent.id, departments: Set(agent.departmentIDs))
    }
}
