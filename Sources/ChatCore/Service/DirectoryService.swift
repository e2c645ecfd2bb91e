import Foundation

/// Departments and agents: who serves which visitors.
public struct DirectoryService: Sendable {
    private let store: any DirectoryStore
    private let routing: RoutingService
    private let hasher: any PasswordHasher
    private let limits: ChatLimits
    /// Revokes sessions when a password changes.
    private let auth: AuthService
    /// Tells open feeds that an agent's rights changed.
    private let bus: any EventBus
    /// Checks that a calendar exists before a department is linked to it.
    private let hours: BusinessHoursService
    private let now: @Sendable () -> Date

    public init(
        store: any DirectoryStore, routing: RoutingService, hasher: any PasswordHasher, limits: ChatLimits,
        auth: AuthService, bus: any EventBus, hours: BusinessHoursService, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.hours = hours
        self.store = store
        self.routing = routing
        self.hasher = hasher
        self.limits = limits
        self.auth = auth
        self.bus = bus
        self.now = now
    }

    // MARK: Departments

    /// Creates a department; with a `calendar`, which must exist, it answers only in that calendar's hours.
    public func createDepartment(named name: String, calendar: CalendarKey? = nil, by caller: Caller) async throws -> Department {
        try caller.requireAdmin()
        let name = try Validate.name(name, limits: limits)
        if let calendar { try hours.requireExists(calendar) }
        return try await store.createDepartment(name: name, calendar: calendar, at: now())
    }

    /// Renames a department and links it to a calendar, which must exist, or unlinks it (`.some(nil)`:
    /// it then answers at any time); nil leaves either as it is. Both are checked before either changes.
    public func updateDepartment(_ id: DepartmentID, name: String?, calendar: CalendarKey??, by caller: Caller) async throws -> Department {
        try caller.requireAdmin()
        let name = try name.map { try Validate.name($0, limits: limits) }
        if case .some(.some(let key)) = calendar { try hours.requireExists(key) }
        var department = try await self.department(id)
        if let name { department = try await store.renameDepartment(id, to: name) }
        if let calendar { department = try await store.setCalendar(calendar, of: id) }
        return department
    }

    /// Departments are public: visitors pick one when they start a chat.
    public func departments() async throws -> [Department] {
        try await store.departments()
    }

    /// The departments with an agent online to answer: the widget offers a chat in them, and
    /// the offline form elsewhere.
    public func staffedDepartments() async throws -> Set<DepartmentID> {
        Set(try await store.agents().filter { $0.status.availability == .online }.flatMap(\.departmentIDs))
    }

    /// The departments that take a chat now: an agent online in them, and open by their
    /// business calendar. LivePerson's availability of a skill reads this.
    public func answeringDepartments() async throws -> Set<DepartmentID> {
        let staffed = try await staffedDepartments()
        return Set(try await store.departments().filter { staffed.contains($0.id) && hours.closedMessage(of: $0) == nil }.map(\.id))
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

    /// Admins change anyone; agents may change their own name and password only. Changing
    /// one's own password takes the current one, and a new password ends every other session
    /// of the agent (its open feeds close). A change of the admin flag reaches open feeds at once.
    public func updateAgent(
        _ id: AgentID, name: String?, isAdmin: Bool?, password: String?, currentPassword: String? = nil, by caller: Caller
    ) async throws -> Agent {
        let callerSession: SessionID? = if case .principal(let principal) = caller, principal.agent?.id == id { principal.session } else { nil }
        let isSelf = callerSession != nil
        if isSelf, isAdmin == false {
            throw ChatError.forbidden(reason: "You cannot remove your own admin rights; ask another admin.")
        }
        if !isSelf || isAdmin != nil {
            try caller.requireAdmin()
        }
        let cleanName = try name.map { try Validate.name($0, limits: limits) }
        if isSelf, password != nil {
            try await requireCurrentPassword(currentPassword, of: id)
        }
        let hash: String? = if let password { try await hasher.hash(Validate.password(password, limits: limits)) } else { nil }
        let before = try await store.agent(id)
        let updated = try await store.updateAgent(id, name: cleanName, isAdmin: isAdmin, passwordHash: hash)
        if hash != nil {
            try await auth.revokeSessions(of: id, except: callerSession)
        }
        if let before, before.isAdmin != updated.isAdmin {
            await bus.publish(.access(.agentRightsChanged(id)))
        }
        return updated
    }

    public func setDepartments(_ departments: [DepartmentID], of agent: AgentID, by caller: Caller) async throws -> Agent {
        try caller.requireAdmin()
        let before = try await store.agent(agent)
        let changed = try await store.setDepartments(Array(Set(departments)).sorted(), of: agent)
        if before?.departmentIDs != changed.departmentIDs {
            await bus.publish(.access(.agentRightsChanged(agent)))
        }
        try await routing.membershipChanged(changed)
        return changed
    }

    /// Someone holding an agent's open session must still know its password to change it.
    private func requireCurrentPassword(_ password: String?, of agent: AgentID) async throws {
        guard let password, !password.isEmpty else {
            throw ChatError.invalidField(field: .currentPassword, reason: "is required to change your own password")
        }
        guard try await auth.isCurrentPassword(password, of: agent) else {
            throw ChatError.invalidField(field: .currentPassword, reason: "is not your current password")
        }
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
