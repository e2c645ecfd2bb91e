import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func routeDepartment(
        _ id: DepartmentID, capacity: CapacityRule, at date: Date,
        _ decide: @Sendable (RoutingSnapshot) -> [(ChatID, AgentID)]
    ) async throws -> [(Chat, [ChatEvent])] {
        let kind = backend.kind
        return try await backend.write { db in
            if kind == .postgres {
                // One router at a time across every instance sharing the database.
                try await db.raw("SELECT pg_advisory_xact_lock(7253002)").run()
            }
            guard let row = try await db.raw("SELECT * FROM departments WHERE id = \(bind: id.rawValue)").first() else {
                throw ChatError.departmentNotFound(id)
            }
            let department = try Rows.department(row)
            let waiting = try await db.raw("""
                SELECT * FROM chats WHERE department_id = \(bind: id.rawValue) AND state IN ('queued', 'transferring') AND offered_to IS NULL
                ORDER BY created_at, number
                """).all().map(Rows.chat)
            guard !waiting.isEmpty else { return [] }
            let candidates = try await Self.candidates(in: department, capacity: capacity, db: db)
            let snapshot = RoutingSnapshot(
                department: department, waiting: waiting, candidates: candidates,
                passedOver: try await Self.passes(in: department.id, db: db)
            )
            let offeredAt = Date(millisecondsSince1970: date.millisecondsSince1970)
            var results: [(Chat, [ChatEvent])] = []
            for (chatID, agent) in decide(snapshot) {
                guard var chat = waiting.first(where: { $0.id == chatID }) else { continue }
                let events = try await Self.apply(ChatTransitions.offer(chat, to: agent, at: offeredAt), to: &chat, at: date, in: db)
                try await db.raw("""
                    UPDATE agents SET last_routed_at = \(bind: date.millisecondsSince1970) WHERE id = \(bind: agent.rawValue)
                    """).run()
                results.append((chat, events))
            }
            return results
        }
    }

    /// Who passed on each waiting chat of the department, and when last.
    private static func passes(in department: DepartmentID, db: any SQLDatabase) async throws -> [ChatID: [AgentID: Date]] {
        let rows = try await db.raw("""
            SELECT e.chat_id, e.target_agent_id, MAX(e.created_at) AS passed_at
            FROM chat_events e JOIN chats c ON c.id = e.chat_id
            WHERE c.department_id = \(bind: department.rawValue) AND c.state IN ('queued', 'transferring') AND c.offered_to IS NULL
              AND e.kind = 'offer_withdrawn' AND e.state IN ('declined', 'timed_out')
            GROUP BY e.chat_id, e.target_agent_id
            """).all()
        var passes: [ChatID: [AgentID: Date]] = [:]
        for row in rows {
            let chat = ChatID(try row.decode(column: "chat_id", as: String.self))
            let agent = AgentID(try row.decode(column: "target_agent_id", as: String.self))
            passes[chat, default: [:]][agent] = Date(millisecondsSince1970: try row.decode(column: "passed_at", as: Int64.self))
        }
        return passes
    }

    public func acceptChat(
        _ id: ChatID, by agent: AgentID, at date: Date, _ decide: @Sendable (Chat, Int) throws -> ChatChange
    ) async throws -> (Chat, [ChatEvent]) {
        guard StoredKey.canExist(id.rawValue) else { throw ChatError.chatNotFound(id) }
        let kind = backend.kind
        return try await backend.write { db in
            guard let row = try await db.raw("SELECT * FROM chats WHERE id = \(bind: id.rawValue) \(unsafeRaw: kind.lockRows)").first() else {
                throw ChatError.chatNotFound(id)
            }
            var chat = try Rows.chat(row)
            // Locking the agent serialises its accepts, so two cannot both fit the last free place.
            guard try await db.raw("SELECT id FROM agents WHERE id = \(bind: agent.rawValue) \(unsafeRaw: kind.lockRows)").first() != nil else {
                throw ChatError.agentNotFound(agent)
            }
            let load = try await db.raw("""
                SELECT COUNT(*) AS n FROM chats
                WHERE id <> \(bind: id.rawValue)
                  AND ((agent_id = \(bind: agent.rawValue) AND state = 'active') OR (offered_to = \(bind: agent.rawValue) AND state IN ('queued', 'transferring')))
                """).first().unwrap().decode(column: "n", as: Int.self)
            let events = try await Self.apply(try decide(chat, load), to: &chat, at: date, in: db)
            return (chat, events)
        }
    }

    public func setAgentStatus(_ id: AgentID, to status: AgentStatus) async throws -> Agent {
        guard StoredKey.canExist(id.rawValue) else { throw ChatError.agentNotFound(id) }
        return try await backend.write { db in
            let updated = try await db.raw("""
                UPDATE agents SET status = \(bind: status.availability.rawValue), away_reason = \(bind: status.awayReason)
                WHERE id = \(bind: id.rawValue) RETURNING id
                """).first()
            guard updated != nil else { throw ChatError.agentNotFound(id) }
            return try await Self.loadAgent(id, in: db).unwrap()
        }
    }

    public func setAgentCapacity(_ id: AgentID, maxChats: Int?) async throws -> Agent {
        guard StoredKey.canExist(id.rawValue) else { throw ChatError.agentNotFound(id) }
        return try await backend.write { db in
            let updated = try await db.raw("UPDATE agents SET max_chats = \(bind: maxChats) WHERE id = \(bind: id.rawValue) RETURNING id").first()
            guard updated != nil else { throw ChatError.agentNotFound(id) }
            return try await Self.loadAgent(id, in: db).unwrap()
        }
    }

    public func setDepartmentRouting(_ id: DepartmentID, mode: RoutingMode, maxChatsPerAgent: Int?) async throws -> Department {
        try await backend.write { db in
            let row = try await db.raw("""
                UPDATE departments SET routing_mode = \(bind: mode.rawValue), max_chats_per_agent = \(bind: maxChatsPerAgent)
                WHERE id = \(bind: id.rawValue) RETURNING *
                """).first()
            guard let row else { throw ChatError.departmentNotFound(id) }
            return try Rows.department(row)
        }
    }

    public func chatsWithOffers(madeBefore date: Date) async throws -> [Chat] {
        try await backend.read { db in
            try await db.raw("""
                SELECT * FROM chats WHERE state IN ('queued', 'transferring') AND offered_to IS NOT NULL AND offered_at < \(bind: date.millisecondsSince1970)
                ORDER BY offered_at
                """).all().map(Rows.chat)
        }
    }

    public func chatsOffered(to agent: AgentID) async throws -> [Chat] {
        try await backend.read { db in
            try await db.raw("SELECT * FROM chats WHERE state IN ('queued', 'transferring') AND offered_to = \(bind: agent.rawValue) ORDER BY created_at, number").all().map(Rows.chat)
        }
    }

    public func agentLoads() async throws -> [AgentID: Int] {
        try await backend.read { db in try await Self.loads(db: db) }
    }

    public func queuePosition(of chat: Chat) async throws -> Int {
        try await backend.read { db in
            let ahead = try await db.raw("""
                SELECT COUNT(*) AS n FROM chats
                WHERE department_id = \(bind: chat.departmentID.rawValue) AND state IN ('queued', 'transferring') AND number < \(bind: chat.number)
                """).first().unwrap().decode(column: "n", as: Int.self)
            return ahead + 1
        }
    }

    public func queueLength(of department: DepartmentID) async throws -> Int {
        try await backend.read { db in
            try await db.raw("""
                SELECT COUNT(*) AS n FROM chats WHERE department_id = \(bind: department.rawValue) AND state IN ('queued', 'transferring')
                """).first().unwrap().decode(column: "n", as: Int.self)
        }
    }

    public func averageWait(in department: DepartmentID, recent: Int) async throws -> TimeInterval? {
        try await backend.read { db in
            // The first join of each recent chat, measured from the chat's start.
            let rows = try await db.raw("""
                SELECT c.created_at AS started, MIN(e.created_at) AS joined FROM chats c
                JOIN chat_events e ON e.chat_id = c.id AND e.kind = 'joined'
                WHERE c.department_id = \(bind: department.rawValue)
                GROUP BY c.id, c.created_at ORDER BY c.created_at DESC LIMIT \(bind: recent)
                """).all()
            guard !rows.isEmpty else { return nil }
            let waits = try rows.map { row in
                Double(try row.decode(column: "joined", as: Int64.self) - row.decode(column: "started", as: Int64.self)) / 1000
            }
            return waits.reduce(0, +) / Double(waits.count)
        }
    }

    public func awayStatuses() async throws -> [String] {
        try await backend.read { db in
            try await db.raw("SELECT name FROM away_statuses ORDER BY name").all().map { try $0.decode(column: "name", as: String.self) }
        }
    }

    public func defineAwayStatus(_ name: String, at date: Date) async throws {
        try await backend.write { db in
            try await db.raw("""
                INSERT INTO away_statuses (name, created_at) VALUES (\(bind: name), \(bind: date.millisecondsSince1970))
                ON CONFLICT (name) DO NOTHING
                """).run()
        }
    }

    public func removeAwayStatus(_ name: String) async throws {
        guard StoredKey.canExist(name) else { return }
        try await backend.write { db in
            try await db.raw("DELETE FROM away_statuses WHERE name = \(bind: name)").run()
        }
    }

    // MARK: Private

    private static func candidates(in department: Department, capacity: CapacityRule, db: any SQLDatabase) async throws -> [RoutingCandidate] {
        let rows = try await db.raw("""
            SELECT a.id, a.max_chats, a.last_routed_at FROM agents a JOIN agent_departments m ON m.agent_id = a.id
            WHERE m.department_id = \(bind: department.id.rawValue) AND a.status = 'online'
            """).all()
        let loads = try await loads(db: db)
        return try rows.map { row in
            let id = AgentID(try row.decode(column: "id", as: String.self))
            return RoutingCandidate(
                agentID: id, load: loads[id] ?? 0,
                capacity: capacity.capacity(agentLimit: try row.decode(column: "max_chats", as: Int?.self), in: department),
                lastRoutedAt: try row.decode(column: "last_routed_at", as: Int64?.self).map(Date.init(millisecondsSince1970:))
            )
        }
    }

    /// Active chats by serving agent, plus pending offers by offered agent.
    private static func loads(db: any SQLDatabase) async throws -> [AgentID: Int] {
        let rows = try await db.raw("""
            SELECT agent_id AS agent, COUNT(*) AS n FROM chats WHERE state = 'active' AND agent_id IS NOT NULL GROUP BY agent_id
            UNION ALL
            SELECT offered_to AS agent, COUNT(*) AS n FROM chats WHERE state IN ('queued', 'transferring') AND offered_to IS NOT NULL GROUP BY offered_to
            """).all()
        var loads: [AgentID: Int] = [:]
        for row in rows {
            loads[AgentID(try row.decode(column: "agent", as: String.self)), default: 0] += try row.decode(column: "n", as: Int.self)
        }
        return loads
    }
}
