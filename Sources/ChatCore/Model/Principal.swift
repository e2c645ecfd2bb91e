/// Who is calling: an authenticated agent, or a visitor bound to one chat.
public struct Principal: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        case agent(Agent)
        case visitor(VisitorID, chat: ChatID)
    }

    public var session: SessionID
    public var role: Role

    public init(session: SessionID, role: Role) {
        self.session = session
        self.role = role
    }

    public var agent: Agent? {
        if case .agent(let agent) = role { return agent }
        return nil
    }

    /// The event author this principal writes as.
    public var author: EventAuthor {
        switch role {
        case .agent(let agent): .agent(agent.id)
        case .visitor(let visitor, _): .visitor(visitor)
        }
    }
}
