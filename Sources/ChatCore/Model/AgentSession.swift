import Foundation

/// An agent session's id: an opaque string.
public struct AgentSessionID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// A working session an agent client opens after logging in (LivePerson's `agentSession`)
/// and ends when it stops taking chats. An agent with no open session left goes offline.
public struct AgentSession: Sendable, Equatable {
    public var id: AgentSessionID
    public var agentID: AgentID
    public var createdAt: Date
    public var endedAt: Date?

    public init(id: AgentSessionID, agentID: AgentID, createdAt: Date, endedAt: Date? = nil) {
        self.id = id
        self.agentID = agentID
        self.createdAt = createdAt
        self.endedAt = endedAt
    }
}
