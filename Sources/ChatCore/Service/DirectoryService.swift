import Foundation

/// Departments and agents: who serves which visitors.
public struct DirectoryService: Sendable {
    private let store: any DirectoryStore
    private let routing: RoutingService
    private let hasher: any PasswordHasher
    private let limits: ChatLimits
    private let now: @Sendable () -> Date

    public init(
        store: any DirectoryStore, routing: RoutingService, hasher: any PasswordHasher, limits: ChatLimits,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.routing = routing
        self.hasher = hasher
        self.limits = limits
        self.now = now
    }

    // MARK: Departments

    public func createDepartment(named name: String, by caller: Caller) async throws -> Department {
        try caller.requireAdmin()
        return try await store.createDepartment(name: Validate.name(name, limits: limits), at: now())
    }

    /// Departments are public: visitors pick one when they start a chat.
    public func departments() async throws -> [Department] {
        try await store.departments()
    }

    public func department(_ id: DepartmentID) async throws -> Department {
        guard let department = try await store.department(id) else { throw ChatError.departmentNotFound(id) }
        return department
    }

    public func renameDepartment(_ id: DepartmentID, to name: String, by caller: Caller) async throws -> Department {
        try caller.requireAdmin()
        return try await store.renameDepartment(id, to: Validate.name(name, limits: limits))
    }

    // MARK: Agents

    public func createAgent(_ draft: NewAgent, by caller: Caller) async throws -> Agent {
        try caller.requireAdmin()
        let agent = Agent(
            id: AgentID(IdentifierGenerator.uuid()),
            email: try Validate.email(draft.email, limits: limits),
            name: try Validate.name(draft.name, limits: limits),
            isAdmin: draft.isAdmin,
            departmentIDs: Array(Set(draft.departmentIDs)).sorted(),
            createdAt: now()
        )
        let hash = try await hasher.hash(Validate.password(draft.password, limits: limits))
        try await store.createAgent(agent, passwordHash: hash)
        return agent
    }

    /// Agents see their colleagues; visitors see no one.
    public func agents(by caller: Caller) async throws -> [Agent] {
        try requireAgent(caller)
        return try await store.agents()
    }

    public func agent(_ id: AgentID, by caller: Caller) async throws -> Agent {
        try requireAgent(caller)
        guard let agent = try await store.agent(id) else { throw ChatError.agentNotFound(id) }
        return agent
    }

    /// Admins change anyone; agents may change their own name and password only.
    public func updateAgent(
        _ id: AgentID, name: String?, isAdmin: Bool?, password: String?, by caller: Caller
    ) async throws -> Agent {
        let isSelf: Bool = if case .principal(let principal) = caller { principal.agent?.id == id } else { false }
        if isSelf, isAdmin == false {
            throw ChatError.forbidden(reason: "You cannot remove your own admin rights; ask another admin.")
        }
        if !isSelf || isAdmin != nil {
            try caller.requireAdmin()
        }
        let cleanName = try name.map { try Validate.name($0, limits: limits) }
        let hash: String? = if let password { try await hasher.hash(Validate.password(password, limits: limits)) } else { nil }
        return try await store.updateAgent(id, name: cleanName, isAdmin: isAdmin, passwordHash: hash)
    }

    public func setDepartments(_ departments: [DepartmentID], of agent: AgentID, by caller: Caller) async throws -> Agent {
        try caller.requireAdmin()
        let changed = try await store.setDepartments(Array(Set(departments)).sorted(), of: agent)
        try await routing.membershipChanged(changed)
        return changed
    }

    /// Makes sure an admin exists on a new installation. Returns the admin it created,
    /// or nil when the directory already has agents.
    public func bootstrapAdmin(email: String, name: String, password: String) async throws -> Agent? {
        guard try await store.agentCount() == 0 else { return nil }
        return try await createAgent(NewAgent(email: email, name: name, password: password, isAdmin: true), by: .localOperator)
    }

    private func requireAgent(_ caller: Caller) throws {
        if case .principal(let principal) = caller, principal.agent == nil {
            throw ChatError.forbidden(reason: "Only agents may do this.")
        }
    }
}
