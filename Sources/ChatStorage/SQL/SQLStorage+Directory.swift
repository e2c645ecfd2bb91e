import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func createDepartment(name: String, calendar: CalendarKey?, at date: Date) async throws -> Department {
        try await backend.write { db in
            let row = try await db.raw("""
                INSERT INTO departments (name, created_at, calendar)
                VALUES (\(bind: name), \(bind: date.millisecondsSince1970), \(bind: calendar?.description)) RETURNING id
                """).first()
            let id = try row.unwrap().decode(column: "id", as: Int64.self)
            return Department(
                id: DepartmentID(id), name: name, createdAt: Date(millisecondsSince1970: date.millisecondsSince1970), calendar: calendar
            )
        }
    }

    public func setCalendar(_ calendar: CalendarKey?, of id: DepartmentID) async throws -> Department {
        try await backend.write { db in
            let row = try await db.raw("""
                UPDATE departments SET calendar = \(bind: calendar?.description) WHERE id = \(bind: id.rawValue) RETURNING *
                """).first()
            guard let row else { throw ChatError.departmentNotFound(id) }
            return try Rows.department(row)
        }
    }

    public func department(_ id: DepartmentID) async throws -> Department? {
        try await backend.read { db in
            try await db.raw("SELECT * FROM departments WHERE id = \(bind: id.rawValue)").first().map(Rows.department)
        }
    }

    public func departments() async throws -> [Department] {
        try await backend.read { db in
            try await db.raw("SELECT * FROM departments ORDER BY id").all().map(Rows.department)
        }
    }

    public func renameDepartment(_ id: DepartmentID, to name: String) async throws -> Department {
        try await backend.write { db in
            let row = try await db.raw("UPDATE departments SET name = \(bind: name) WHERE id = \(bind: id.rawValue) RETURNING *").first()
            guard let row else { throw ChatError.departmentNotFound(id) }
            return try Rows.department(row)
        }
    }

    public func createAgent(_ agent: Agent, passwordHash: String) async throws {
        try await backend.write { db in
            let inserted = try await db.raw("""
                INSERT INTO agents (id, email, name, password_hash, is_admin, created_at)
                VALUES (\(bind: agent.id.rawValue), \(bind: agent.email), \(bind: agent.name), \(bind: passwordHash),
                        \(bind: agent.isAdmin), \(bind: agent.createdAt.millisecondsSince1970))
                ON CONFLICT (email) DO NOTHING RETURNING id
                """).first()
            guard inserted != nil else { throw ChatError.emailTaken }
            try await Self.insertMemberships(agent.departmentIDs, of: agent.id, in: db)
        }
    }

    public func agent(_ id: AgentID) async throws -> Agent? {
        try await backend.read { db in try await Self.loadAgent(id, in: db) }
    }

    public func agentCredentials(email: String) async throws -> (agent: Agent, passwordHash: String)? {
        guard StoredKey.canExist(email) else { return nil }
        return try await backend.read { db in
            guard let row = try await db.raw("SELECT * FROM agents WHERE email = \(bind: email)").first() else { return nil }
            let agent = try Rows.agent(row, departments: try await Self.memberships(of: row.decode(column: "id", as: String.self), in: db))
            return (agent, try row.decode(column: "password_hash", as: String.self))
        }
    }

    public func agents() async throws -> [Agent] {
        try await backend.read { db in
            let rows = try await db.raw("SELECT * FROM agents ORDER BY email").all()
            let memberships = try await Self.memberships(of: nil, in: db)
            return try rows.map { try Rows.agent($0, departments: memberships) }
        }
    }

    public func agentCount() async throws -> Int {
        try await backend.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM agents").first().unwrap().decode(column: "n", as: Int.self)
        }
    }

    public func updateAgent(_ id: AgentID, name: String?, isAdmin: Bool?, passwordHash: String?) async throws -> Agent {
        guard StoredKey.canExist(id.rawValue) else { throw ChatError.agentNotFound(id) }
        return try await backend.write { db in
            let updated = try await db.raw("""
                UPDATE agents SET name = COALESCE(\(bind: name), name), is_admin = COALESCE(\(bind: isAdmin), is_admin),
                       password_hash = COALESCE(\(bind: passwordHash), password_hash)
                WHERE id = \(bind: id.rawValue) RETURNING id
                """).first()
            guard updated != nil, let agent = try await Self.loadAgent(id, in: db) else { throw ChatError.agentNotFound(id) }
            return agent
        }
    }

    public func setDepartments(_ departments: [DepartmentID], of id: AgentID) async throws -> Agent {
        try await backend.write { db in
            guard try await Self.loadAgent(id, in: db) != nil else { throw ChatError.agentNotFound(id) }
            try await db.raw("DELETE FROM agent_departments WHERE agent_id = \(bind: id.rawValue)").run()
            try await Self.insertMemberships(departments, of: id, in: db)
            return try await Self.loadAgent(id, in: db).unwrap()
        }
    }

    private static func insertMemberships(_ departments: [DepartmentID], of agent: AgentID, in db: any SQLDatabase) async throws {
        for department in departments {
            let exists = try await db.raw("SELECT id FROM departments WHERE id = \(bind: department.rawValue)").first()
            guard exists != nil else { throw ChatError.departmentNotFound(department) }
            try await db.raw("""
                INSERT INTO agent_departments (agent_id, department_id) VALUES (\(bind: agent.rawValue), \(bind: department.rawValue))
                """).run()
        }
    }

    static func loadAgent(_ id: AgentID, in db: any SQLDatabase) async throws -> Agent? {
        guard StoredKey.canExist(id.rawValue) else { return nil }
        guard let row = try await db.raw("SELECT * FROM agents WHERE id = \(bind: id.rawValue)").first() else { return nil }
        return try Rows.agent(row, departments: try await memberships(of: id.rawValue, in: db))
    }

    /// Department ids by agent id, for one agent (nil: all agents).
    private static func memberships(of agent: String?, in db: any SQLDatabase) async throws -> [String: [DepartmentID]] {
        let rows: [any SQLRow]
        if let agent {
            rows = try await db.raw("""
                SELECT agent_id, department_id FROM agent_departments WHERE agent_id = \(bind: agent) ORDER BY department_id
                """).all()
        } else {
            rows = try await db.raw("SELECT agent_id, department_id FROM agent_departments ORDER BY department_id").all()
        }
        var result: [String: [DepartmentID]] = [:]
        for row in rows {
            let agent = try row.decode(column: "agent_id", as: String.self)
            result[agent, default: []].append(DepartmentID(try row.decode(column: "department_id", as: Int64.self)))
        }
        return result
    }
}

extension Optional {
    /// The value, or a storage error for a row that must exist.
    func unwrap() throws -> Wrapped {
        guard let self else { throw ChatError.storageUnavailable }
        return self
    }
}
