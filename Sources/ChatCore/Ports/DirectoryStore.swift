import Foundation

/// Departments and agents.
public protocol DirectoryStore: Sendable {
    /// Creates a department, following `calendar` if given, and gives it the next free numeric id.
    func createDepartment(name: String, calendar: CalendarKey?, at date: Date) async throws -> Department
    func department(_ id: DepartmentID) async throws -> Department?
    /// All departments, by id.
    func departments() async throws -> [Department]
    /// Throws `ChatError.departmentNotFound` for an unknown id.
    func renameDepartment(_ id: DepartmentID, to name: String) async throws -> Department
    /// Links the department to a business calendar, or unlinks it with nil. Throws
    /// `ChatError.departmentNotFound` for an unknown id.
    func setCalendar(_ calendar: CalendarKey?, of id: DepartmentID) async throws -> Department

    /// Stores a new agent. Throws `ChatError.emailTaken` if the email is in use and
    /// `ChatError.departmentNotFound` if a department does not exist; stores nothing then.
    func createAgent(_ agent: Agent, passwordHash: String) async throws
    func agent(_ id: AgentID) async throws -> Agent?
    /// The agent with this email (compared lowercased) and its password hash.
    func agentCredentials(email: String) async throws -> (agent: Agent, passwordHash: String)?
    /// All agents, by email.
    func agents() async throws -> [Agent]
    func agentCount() async throws -> Int
    /// Changes the given fields; nil leaves a field as it is.
    func updateAgent(_ id: AgentID, name: String?, isAdmin: Bool?, passwordHash: String?) async throws -> Agent
    /// Replaces the agent's departments. Throws for an unknown agent or department.
    func setDepartments(_ departments: [DepartmentID], of agent: AgentID) async throws -> Agent
}

extension DirectoryStore {
    /// Creates a department that answers at any time.
    public func createDepartment(name: String, at date: Date) async throws -> Department {
        try await createDepartment(name: name, calendar: nil, at: date)
    }
}
