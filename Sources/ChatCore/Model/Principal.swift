/// Who is calling: an authenticated agent, or a visitor (who may see its own chats).
public struct Principal: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        case agent(Agent)
        case visitor(VisitorID)
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

    public var visitorID: VisitorID? {
        if case .visitor(let visitor) = role { return visitor }
        return nil
    }

    /// The event author this principal writes as.
    public var author: EventAuthor {
        switch role {
        case .agent(let agent): .agent(agent.id)
        case .visitor(let visitor): .visitor(visitor)
        }
    }
}
