import Foundation

/// A member of the support staff. Admins manage departments and agents.
public struct Agent: Sendable, Equatable {
    public var id: AgentID
    public var email: String
    public var name: String
    public var isAdmin: Bool
    /// The departments the agent serves, in ascending order.
    public var departmentIDs: [DepartmentID]
    public var createdAt: Date
    public var status: AgentStatus
    /// The most chats the agent serves at once; nil defers to the department, then to the server.
    public var maxChats: Int?

    public init(
        id: AgentID, email: String, name: String, isAdmin: Bool,
        departmentIDs: [DepartmentID], createdAt: Date, status: AgentStatus = .offline, maxChats: Int? = nil
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.isAdmin = isAdmin
        self.departmentIDs = departmentIDs
        self.createdAt = createdAt
        self.status = status
        self.maxChats = maxChats
    }

    public func serves(_ department: DepartmentID) -> Bool {
        departmentIDs.contains(department)
    }
}

/// What an admin (or the CLI) supplies to create an agent.
public struct NewAgent: Sendable {
    public var email: String
    public var name: String
    public var password: String
    public var isAdmin: Bool
    public var departmentIDs: [DepartmentID]

    public init(email: String, name: String, password: String, isAdmin: Bool = false, departmentIDs: [DepartmentID] = []) {
        self.email = email
        self.name = name
        self.password = password
        self.isAdmin = isAdmin
        self.departmentIDs = departmentIDs
    }
}
