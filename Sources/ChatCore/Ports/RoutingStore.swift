import Foundation

/// An agent who may be offered chats, with its current load.
public struct RoutingCandidate: Sendable, Equatable {
    public var agentID: AgentID
    /// Active chats plus pending offers.
    public var load: Int
    public var capacity: Int
    /// When the agent was last offered a chat; nil if never.
    public var lastRoutedAt: Date?

    public init(agentID: AgentID, load: Int, capacity: Int, lastRoutedAt: Date?) {
        self.agentID = agentID
        self.load = load
        self.capacity = capacity
        self.lastRoutedAt = lastRoutedAt
    }
}

/// A department's queue and its online agents, read under the routing lock.
public struct RoutingSnapshot: Sendable, Equatable {
    public var department: Department
    /// Queued chats without an offer, oldest first.
    public var waiting: [Chat]
    public var candidates: [RoutingCandidate]
    /// For each waiting chat, the agents who passed on it (declined, or let the offer time
    /// out) and when they last did.
    public var passedOver: [ChatID: [AgentID: Date]]

    public init(department: Department, waiting: [Chat], candidates: [RoutingCandidate], passedOver: [ChatID: [AgentID: Date]] = [:]) {
        self.department = department
        self.waiting = waiting
        self.candidates = candidates
        self.passedOver = passedOver
    }
}

/// Agent statuses, capacities and the routing of queued chats.
public protocol RoutingStore: Sendable {
    /// Reads a department's snapshot under a lock that serialises routing (across instances
    /// sharing a database), applies the offers `decide` returns, and commits.
    func routeDepartment(
        _ id: DepartmentID, capacity: CapacityRule, at date: Date,
        _ decide: @Sendable (RoutingSnapshot) -> [(ChatID, AgentID)]
    ) async throws -> [(Chat, [ChatEvent])]

    /// Like `updateChat`, for an agent taking a chat: also locks the agent and passes its
    /// load (active chats and pending offers, this chat's own offer excluded) to `decide`.
    func acceptChat(
        _ id: ChatID, by agent: AgentID, at date: Date, _ decide: @Sendable (Chat, Int) throws -> ChatChange
    ) async throws -> (Chat, [ChatEvent])

    func setAgentStatus(_ id: AgentID, to status: AgentStatus) async throws -> Agent
    func setAgentCapacity(_ id: AgentID, maxChats: Int?) async throws -> Agent
    func setDepartmentRouting(_ id: DepartmentID, mode: RoutingMode, maxChatsPerAgent: Int?) async throws -> Department

    /// Queued chats whose offer was made before `date`.
    func chatsWithOffers(madeBefore date: Date) async throws -> [Chat]
    /// Queued or transferring chats offered to `agent`, oldest first.
    func chatsOffered(to agent: AgentID) async throws -> [Chat]
    /// Active chats plus pending offers, per agent (agents with none are absent).
    func agentLoads() async throws -> [AgentID: Int]
    /// 1 for the oldest queued chat of its department, 2 for the next, ...
    func queuePosition(of chat: Chat) async throws -> Int
    /// How many chats wait in the department (queued, or transferred to it and not yet accepted).
    func queueLength(of department: DepartmentID) async throws -> Int
    /// The mean time from start to join of the department's recent chats, if any were joined.
    func averageWait(in department: DepartmentID, recent: Int) async throws -> TimeInterval?

    func awayStatuses() async throws -> [String]
    func defineAwayStatus(_ name: String, at date: Date) async throws
    func removeAwayStatus(_ name: String) async throws
}
