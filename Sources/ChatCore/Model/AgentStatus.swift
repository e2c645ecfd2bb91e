import Foundation

/// Whether an agent takes chats.
public enum Availability: String, Sendable, CaseIterable {
    case online
    case away
    case offline
}

/// An agent's status: online, offline, or away, possibly for a custom reason an admin
/// defined ("Lunch", "Meeting"), which behaves as away.
public struct AgentStatus: Sendable, Equatable {
    public var availability: Availability
    /// The custom away status, when away for one.
    public var awayReason: String?

    public init(_ availability: Availability, awayReason: String? = nil) {
        self.availability = availability
        self.awayReason = availability == .away ? awayReason : nil
    }

    public static let online = AgentStatus(.online)
    public static let away = AgentStatus(.away)
    public static let offline = AgentStatus(.offline)
    /// Away from the queue but taking chats transferred to it (LivePerson's "Occupied").
    public static let occupied = AgentStatus(.away, awayReason: "Occupied")

    /// Away reasons every server has, whether or not an admin defined them.
    public static let builtInAwayReasons: Set<String> = ["Occupied"]
}

/// An agent's status change, pushed live to the other agents and supervisors.
public struct PresenceNotice: Sendable, Equatable {
    public var agentID: AgentID
    public var status: AgentStatus
    public var at: Date

    public init(agentID: AgentID, status: AgentStatus, at: Date) {
        self.agentID = agentID
        self.status = status
        self.at = at
    }
}

/// How a department hands out its queued chats.
public enum RoutingMode: String, Sendable, CaseIterable {
    /// To the eligible agent with the fewest ongoing chats; ties to the one idle longest.
    case leastBusy = "least_busy"
    /// To each eligible agent in turn, whatever their load.
    case roundRobin = "round_robin"
}
