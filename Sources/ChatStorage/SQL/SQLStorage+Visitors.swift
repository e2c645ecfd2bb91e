import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func createVisitor(_ visitor: Visitor, landing: PageView?, session: NewSession) async throws {
        try await backend.write { db in
            try await Self.insert(visitor, landing: landing, in: db)
            try await Self.insert(session, in: db)
            try await Self.touch(visitor.id, in: db)
        }
    }

    public func recordPageView(_ view: PageView, of visitor: VisitorID, newVisitAfter: Duration) async throws {
        guard StoredKey.canExist(visitor.rawValue) else { throw ChatError.visitorNotFound(visitor) }
        let kind = backend.kind
        try await backend.write { db in
            let row = try await db.raw("""
                SELECT last_seen_at FROM visitors WHERE id = \(bind: visitor.rawValue) \(unsafeRaw: kind.lockRows)
                """).first()
            guard let row else { throw ChatError.visitorNotFound(visitor) }
            let lastSeen = try row.decode(column: "last_seen_at", as: Int64?.self) ?? 0
            let visit = try await db.raw("""
                SELECT COALESCE(MAX(number), 0) AS number FROM visits WHERE visitor_id = \(bind: visitor.rawValue)
                """).first().unwrap().decode(column: "number", as: Int.self)
            let silence = view.viewedAt.millisecondsSince1970 - lastSeen
            var number = visit
            if visit == 0 || silence >= Int64(newVisitAfter.components.seconds) * 1000 {
                number += 1
                try await Self.insertVisit(number, of: visitor, landing: view, in: db)
            }
            try await Self.insert(view, of: visitor, visit: number, in: db)
            try await Self.markSeen(visitor, at: view.viewedAt, in: db)
            try await Self.touch(visitor, in: db)
        }
    }

    @discardableResult
    public func visitorSeen(_ visitor: VisitorID, at date: Date, preChat: Bool?) async throws -> Bool {
        guard StoredKey.canExist(visitor.rawValue) else { return false }
        return try await backend.write { db in
            var changed = try await Self.markSeen(visitor, at: date, in: db)
            if let preChat {
                // Only a change of the form's state is news; a heartbeat repeating it is not.
                let flipped = try await db.raw("""
                    UPDATE visitors SET pre_chat_at = \(bind: preChat ? date.millisecondsSince1970 : nil)
                    WHERE id = \(bind: visitor.rawValue) AND pre_chat_at IS \(unsafeRaw: preChat ? "NULL" : "NOT NULL")
                    RETURNING id
                    """).first()
                changed = changed || flipped != nil
            }
            if changed { try await Self.touch(visitor, in: db) }
            return changed
        }
    }

    public func visitorChanges(after revision: Int64, of visitor: VisitorID?, limit: Int) async throws -> [VisitorRecord] {
        if let visitor, !StoredKey.canExist(visitor.rawValue) { return [] }
        return try await backend.read { db in
            var condition: SQLQueryString = "v.revision > \(bind: revision)"
            if let visitor { condition += " AND v.id = \(bind: visitor.rawValue)" }
            return try await Self.records(where: condition, orderedBy: "v.revision", limit: limit, in: db)
        }
    }

    public func latestVisitorRevision() async throws -> Int64 {
        try await backend.read { db in
            try await db.raw("SELECT value FROM counters WHERE name = 'visitor_revision'").first().unwrap()
                .decode(column: "value", as: Int64.self)
        }
    }

    public func markDepartures(silentSince date: Date, at now: Date, limit: Int) async throws -> [VisitorID] {
        let kind = backend.kind
        return try await backend.write { db in
            let rows = try await db.raw("""
                SELECT id FROM visitors
                WHERE departed_at IS NULL AND last_seen_at < \(bind: date.millisecondsSince1970)
                  AND NOT EXISTS (
                    SELECT 1 FROM chats WHERE chats.visitor_id = visitors.id AND chats.state IN ('queued', 'active', 'transferring'))
                ORDER BY id LIMIT \(bind: limit) \(unsafeRaw: kind.lockRows)
                """).all()
            // Every row is locked (in id order) before the first revision is taken.
            let departed = try rows.map { VisitorID(try $0.decode(column: "id", as: String.self)) }
            for visitor in departed {
                try await db.raw("""
                    UPDATE visitors SET departed_at = \(bind: now.millisecondsSince1970) WHERE id = \(bind: visitor.rawValue)
                    """).run()
                try await Self.touch(visitor, in: db)
            }
            return departed
        }
    }

    public func visitorRecord(_ id: VisitorID) async throws -> VisitorRecord? {
        guard StoredKey.canExist(id.rawValue) else { return nil }
        return try await backend.read { db in
            try await Self.records(where: "v.id = \(bind: id.rawValue)", limit: 1, in: db).first
        }
    }

    public func visitorRecords(seenSince date: Date, limit: Int) async throws -> [VisitorRecord] {
        try await backend.read { db in
            try await Self.records(where: """
                v.id IN (
                    SELECT id FROM visitors WHERE last_seen_at >= \(bind: date.millisecondsSince1970)
                    UNION SELECT visitor_id FROM chats WHERE state IN ('queued', 'active', 'transferring'))
                """, limit: limit, in: db)
        }
    }

    public func setCustomVariables(_ variables: [CustomVariable], of visitor: VisitorID) async throws {
        try await updateVisitor(visitor, "custom_variables = \(bind: Rows.json(variables))")
    }

    public func setName(_ name: String, of visitor: VisitorID) async throws {
        guard StoredKey.canExist(visitor.rawValue) else { throw ChatError.visitorNotFound(visitor) }
        try await backend.write { db in
            let updated = try await db.raw("UPDATE visitors SET name = \(bind: name) WHERE id = \(bind: visitor.rawValue) RETURNING id").first()
            guard updated != nil else { throw ChatError.visitorNotFound(visitor) }
            try await Self.refreshSearchText(of: visitor, in: db)
            try await Self.touch(visitor, in: db)
        }
    }

    public func setInvitation(_ invitation: Invitation, of visitor: VisitorID) async throws {
        try await updateVisitor(visitor, """
            invitation = \(bind: invitation.kind.rawValue), invitation_state = \(bind: invitation.answer.rawValue),
            invited_at = \(bind: invitation.at.millisecondsSince1970), invited_by = \(bind: invitation.by?.rawValue)
            """)
    }

    private func updateVisitor(_ visitor: VisitorID, _ assignments: SQLQueryString) async throws {
        guard StoredKey.canExist(visitor.rawValue) else { throw ChatError.visitorNotFound(visitor) }
        try await backend.write { db in
            let updated = try await db.raw("""
                UPDATE visitors SET \(assignments) WHERE id = \(bind: visitor.rawValue) RETURNING id
                """).first()
            guard updated != nil else { throw ChatError.visitorNotFound(visitor) }
            try await Self.touch(visitor, in: db)
        }
    }

    // MARK: Shared with chat creation

    /// Inserts a new visitor, present from its creation, with its first visit (and page view).
    /// The caller raises its revision last, after the other counters it takes.
    static func insert(_ visitor: Visitor, landing: PageView?, in db: any SQLDatabase) async throws {
        let profile = visitor.profile
        let created = visitor.createdAt.millisecondsSince1970
        try await db.raw("""
            INSERT INTO visitors (id, name, email, user_agent, ip_address, language, source_url, screen_resolution, time_zone,
                                  custom_variables, form_fields, last_seen_at, created_at, search_text)
            VALUES (\(bind: visitor.id.rawValue), \(bind: visitor.name), \(bind: visitor.email), \(bind: profile.userAgent),
                    \(bind: profile.ipAddress), \(bind: profile.language), \(bind: profile.sourceURL),
                    \(bind: profile.screenResolution), \(bind: profile.timeZone), \(bind: Rows.json(visitor.customVariables)),
                    \(bind: Rows.json(visitor.formFields)), \(bind: created), \(bind: created),
                    \(bind: visitorSearchText(name: visitor.name, email: visitor.email)))
            """).run()
        let landing = landing ?? profile.sourceURL.map { PageView(url: $0, viewedAt: visitor.createdAt) }
        try await insertVisit(1, of: visitor.id, landing: landing, startedAt: visitor.createdAt, in: db)
        if let landing {
            try await insert(landing, of: visitor.id, visit: 1, in: db)
        }
    }

    /// Gives the visitor the next revision: something agents see of it changed. The visitor's
    /// row is locked before the counter, as every writer does, so no two writers wait on each other.
    static func touch(_ visitor: VisitorID, in db: any SQLDatabase) async throws {
        try await db.raw("UPDATE visitors SET revision = revision WHERE id = \(bind: visitor.rawValue)").run()
        let revision = try await advanceCounter("visitor_revision", by: 1, in: db)
        try await db.raw("UPDATE visitors SET revision = \(bind: revision) WHERE id = \(bind: visitor.rawValue)").run()
    }

    /// Marks the visitor as present at `date` (never moving back in time); its open chats read
    /// its presence from here. Only the visitor's row is written, so a visitor's writes never
    /// lock a chat (chat writes lock the chat, then its visitor: the one order).
    /// Answers whether the visitor came back after its departure was announced.
    @discardableResult
    static func markSeen(_ visitor: VisitorID, at date: Date, in db: any SQLDatabase) async throws -> Bool {
        let ms = date.millisecondsSince1970
        let returned = try await db.raw("""
            SELECT departed_at FROM visitors WHERE id = \(bind: visitor.rawValue) AND departed_at IS NOT NULL
            """).first() != nil
        try await db.raw("""
            UPDATE visitors SET last_seen_at = \(bind: ms), departed_at = NULL
            WHERE id = \(bind: visitor.rawValue) AND (last_seen_at IS NULL OR last_seen_at < \(bind: ms))
            """).run()
        return returned
    }

    private static func insertVisit(
        _ number: Int, of visitor: VisitorID, landing: PageView?, startedAt: Date? = nil, in db: any SQLDatabase
    ) async throws {
        let started = startedAt ?? landing?.viewedAt ?? Date()
        try await db.raw("""
            INSERT INTO visits (visitor_id, number, started_at, landing_page, referrer)
            VALUES (\(bind: visitor.rawValue), \(bind: number), \(bind: started.millisecondsSince1970),
                    \(bind: landing?.url), \(bind: landing.flatMap { $0.referrer.isEmpty ? nil : $0.referrer }))
            """).run()
    }

    private static func insert(_ view: PageView, of visitor: VisitorID, visit: Int, in db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO page_views (visitor_id, number, visit_number, url, title, referrer, viewed_at)
            SELECT \(bind: visitor.rawValue), COALESCE(MAX(number), 0) + 1, \(bind: visit), \(bind: view.url), \(bind: view.title),
                   \(bind: view.referrer), \(bind: view.viewedAt.millisecondsSince1970)
            FROM page_views WHERE visitor_id = \(bind: visitor.rawValue)
            """).run()
    }
}
