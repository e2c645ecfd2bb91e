import Foundation

/// A team of agents that visitors choose when they start a chat.
public struct Department: Sendable, Equatable {
    public var id: DepartmentID
    public var name: String
    public var createdAt: Date

    public init(id: DepartmentID, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
