/// How many chats an agent may serve at once: its own limit, else its department's, else the
/// server's default. Joining, routing and the faces that report a limit all ask this one rule.
public struct CapacityRule: Sendable, Equatable {
    public var defaultMaxChats: Int

    public init(defaultMaxChats: Int) {
        self.defaultMaxChats = defaultMaxChats
    }

    /// The capacity of an agent whose own limit is `agentLimit`, in `department` (nil when the
    /// department is gone).
    public func capacity(agentLimit: Int?, in department: Department?) -> Int {
        agentLimit ?? department?.maxChatsPerAgent ?? defaultMaxChats
    }

    public func capacity(of agent: Agent, in department: Department?) -> Int {
        capacity(agentLimit: agent.maxChats, in: department)
    }
}
