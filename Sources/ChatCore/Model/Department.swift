import Foundation

/// A team of agents that visitors choose when they start a chat.
public struct Department: Sendable, Equatable {
    public var id: DepartmentID
    public var name: String
    public var createdAt: Date
    public var routingMode: RoutingMode
    /// The most chats each of its agents serves at once, unless the agent has its own limit.
    public var maxChatsPerAgent: Int?
    /// The business calendar that says when it answers; nil answers at any time.
    public var calendar: CalendarKey?

    public init(
        id: DepartmentID, name: String, createdAt: Date, routingMode: RoutingMode = .leastBusy, maxChatsPerAgent: Int? = nil,
        calendar: CalendarKey? = nil
    ) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.routingMode = routingMode
        self.maxChatsPerAgent = maxChatsPerAgent
        self.calendar = calendar
    }
}
