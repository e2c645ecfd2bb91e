import ChatCore
import Foundation
import ParleyTestSupport
import SQLKit
import Testing

@testable import ChatStorage

/// A database written by an older release, opened by this one: its rows read as they were
/// meant, and what later migrations added works on them.
@Suite("Schema upgrades", .timeLimit(.minutes(2)))
struct SchemaUpgradeTests {
    static let then = Date(timeIntervalSince1970: 1_600_000_000)
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    /// The first release's rows, which every later schema still holds.
    static let firstReleaseRows: [SQLQueryString] = {
        let ms = then.millisecondsSince1970
        let tokenExpiry = now.addingTimeInterval(3600).millisecondsSince1970
        return [
            "UPDATE counters SET value = 3 WHERE name = 'event_cursor'",
            "UPDATE counters SET value = 1 WHERE name = 'chat_number'",
            "INSERT INTO departments (name, created_at) VALUES ('Sales', \(bind: ms))",
            """
            INSERT INTO agents (id, email, name, password_hash, is_admin, created_at)
            VALUES ('agent-1', 'ann@example.com', 'Ann', 'hash', \(bind: false), \(bind: ms))
            """,
            "INSERT INTO agent_departments (agent_id, department_id) VALUES ('agent-1', 1)",
            """
            INSERT INTO visitors (id, name, email, user_agent, ip_address, language, source_url, created_at)
            VALUES ('visitor-1', 'Vera', 'vera@example.com', 'UA', '203.0.113.9', 'en', 'https://example.com/', \(bind: ms))
            """,
            """
            INSERT INTO chats (id, number, department_id, visitor_id, state, agent_id, next_event_id, created_at, updated_at)
            VALUES ('chat-1', 1, 1, 'visitor-1', 'active', 'agent-1', 3, \(bind: ms), \(bind: ms))
            """,
            """
            INSERT INTO chat_events (cursor, chat_id, event_id, kind, author_kind, author_id, text, state, client_message_id, created_at)
            VALUES (1, 'chat-1', 0, 'state', 'system', NULL, NULL, 'queued', NULL, \(bind: ms)),
                   (2, 'chat-1', 1, 'message', 'visitor', 'visitor-1', 'Hello', NULL, 'm-1', \(bind: ms)),
                   (3, 'chat-1', 2, 'joined', 'agent', 'agent-1', NULL, NULL, NULL, \(bind: ms))
            """,
            "INSERT INTO sessions (id, subject_kind, agent_id, created_at) VALUES ('s-1', 'agent', 'agent-1', \(bind: ms))",
            "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES ('token-1', 's-1', \(bind: tokenExpiry))",
            """
            INSERT INTO sessions (id, subject_kind, visitor_id, chat_id, created_at)
            VALUES ('s-2', 'visitor', 'visitor-1', 'chat-1', \(bind: ms))
            """,
        ]
    }()

    /// Builds the schema of release `version` and writes the first release's rows into it.
    static func olderDatabase(_ database: ScratchDatabase, version: Int) async throws {
        let backend: any SQLBackend
        let steps: [Migration]
        switch database.location {
        case .sqliteFile(let path):
            backend = try await SQLiteBackend.open(path: path, readerCount: 0, logger: .quiet)
            steps = SQLiteMigrations.all
        case .postgres(let url):
            backend = PostgresBackend(configuration: try PostgresBackend.configuration(from: url), poolSize: 1, logger: .quiet)
            steps = PostgresMigrations.all
        case .sqliteInMemory:
            Issue.record("an in-memory database cannot be opened twice")
            return
        }
        do {
            try await Migrator.migrate(backend, steps: steps.filter { $0.version <= version })
            try await backend.write { db in
                for statement in firstReleaseRows { try await db.raw(statement).run() }
            }
            await backend.close()
        } catch {
            await backend.close()
            throw error
        }
    }

    @Test(arguments: TestBackend.available, [1, 3, 5, 7])
    func anOlderDatabaseReadsRightAndTakesTheNewFeatures(_ backend: TestBackend, version: Int) async throws {
        try await withScratchDatabase(backend) { database in
            try await Self.olderDatabase(database, version: version)
            let store = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            do {
                try await Self.checkRows(in: store)
                try await Self.checkNewFeatures(in: store)
                let latest = (backend == .postgres ? PostgresMigrations.all : SQLiteMigrations.all).map(\.version).max()
                let applied = try await store.backend.read { db in
                    try await db.raw("SELECT MAX(version) AS v FROM schema_migrations").first()?.decode(column: "v", as: Int.self)
                }
                #expect(applied == latest)
                await store.close()
            } catch {
                await store.close()
                throw error
            }
        }
    }

    static func checkRows(in store: SQLStorage) async throws {
        let department = try #require(try await store.department(DepartmentID(1)))
        #expect(department.name == "Sales" && department.routingMode == .leastBusy && department.maxChatsPerAgent == nil)
        let agent = try #require(try await store.agent(AgentID("agent-1")))
        #expect(agent.email == "ann@example.com" && !agent.isAdmin && agent.departmentIDs == [DepartmentID(1)])
        #expect(agent.status == .offline && agent.maxChats == nil, "columns added later take their defaults")
        let chat = try #require(try await store.chat(ChatID("chat-1")))
        #expect(chat.state == .active && chat.agentID == agent.id && chat.nextEventID == 3 && chat.offer == nil)
        #expect(chat.createdAt == then && chat.visitorLastActiveAt == then)
        #expect(chat.servedAt == then && chat.endedAt == nil && chat.ratedAt == nil, "an old chat's first join is read from its log")
        let visitor = try #require(try await store.visitor(VisitorID("visitor-1")))
        #expect(visitor.profile.ipAddress == "203.0.113.9" && visitor.profile.sourceURL == "https://example.com/")
        let events = try await store.events(of: chat.id, page: .after(nil, limit: 10))
        #expect(events.map(\.body) == [.stateChanged(.queued), .message("Hello"), .joined])
        #expect(events.map(\.cursor) == [EventCursor(1), EventCursor(2), EventCursor(3)])
        let retry = try await store.updateChat(chat.id, replaying: ClientMessageKey(author: .visitor(visitor.id), clientMessageID: "m-1"), at: now) { _ in
            ChatChange(events: [EventDraft(author: .visitor(visitor.id), body: .message("Hello"), clientMessageID: "m-1")])
        }
        #expect(retry == .replayed(chat, events[1]), "a retry of an old message finds it")
        let session = try #require(try await store.session(SessionID("s-1")))
        #expect(try await store.rotateRefreshToken(hash: "token-1", successor: "token-2", successorExpiresAt: now.addingTimeInterval(60), reuseGrace: .zero, at: now)
                == .rotated(session))
        #expect(try await store.session(SessionID("s-2"))?.subject == .visitor(visitor.id), "a chat's visitor session is its visitor's")
        let record = try #require(try await store.visitorRecord(visitor.id))
        #expect(record.activity.visits == 1 && record.activity.pageViews == 1 && record.activity.chats == 1)
        #expect(record.activity.landingPage == "https://example.com/" && record.activity.firstVisitAt == then)
        #expect(record.activity.lastSeenAt == then && record.currentChat?.id == chat.id)
    }

    static func checkNewFeatures(in store: SQLStorage) async throws {
        let chat = ChatID("chat-1")
        let ann = AgentID("agent-1")
        // Logs and counters go on where they stopped.
        let noted = try await store.updateChat(chat, replaying: nil, at: now) { _ in
            ChatChange(events: [EventDraft(author: .agent(ann), body: .message("Welcome back"))])
        }
        guard case .applied(_, let written) = noted else { Issue.record("expected the line to be written"); return }
        #expect(written.map(\.id) == [3] && written.map(\.cursor) == [EventCursor(4)])
        let (second, _) = try await ChatLogContractTests.startChat(in: store, department: DepartmentID(1))
        #expect(second.number == 2)

        // Captchas and saved feed positions (2).
        try await store.storeCaptcha(id: "c1", answer: "k7px3m", expiresAt: Date().addingTimeInterval(60))
        #expect(try await store.takeCaptcha(id: "c1", at: Date()) == "k7px3m")
        try await store.setFeedPosition(EventCursor(4), of: SessionID("s-1"), scope: "all")
        #expect(try await store.feedPosition(of: SessionID("s-1"), scope: "all") == EventCursor(4))

        // Statuses, away statuses and offers (3).
        try await store.defineAwayStatus("Lunch", at: now)
        #expect(try await store.setAgentStatus(ann, to: AgentStatus(.away, awayReason: "Lunch")).status.awayReason == "Lunch")
        _ = try await store.setAgentStatus(ann, to: .online)
        let offered = try await store.routeDepartment(DepartmentID(1), capacity: CapacityRule(defaultMaxChats: 3), at: now) { snapshot in
            RoutingPolicy.offers(for: snapshot, at: now, coolDown: .seconds(20))
        }
        #expect(offered.map(\.0.id) == [second.id])
        #expect(try await store.agentLoads() == [ann: 2], "the old active chat and the new offer")

        // Visitor presence (4), transfers to a department (5), agent sessions (6).
        try await store.visitorSeen(VisitorID("visitor-1"), at: now, preChat: nil)
        #expect(try await store.visitorRecord(VisitorID("visitor-1"))?.activity.lastSeenAt == now)
        let support = try await store.createDepartment(name: "Support", at: now)
        _ = try await store.updateChat(chat, replaying: nil, at: now) { _ in
            ChatChange(state: .transferring, agentID: .some(nil), departmentID: support.id,
                       events: [EventDraft(author: .agent(ann), body: .transferred(.department(support.id), note: "Over to you"))])
        }
        #expect(try await store.events(of: chat, page: .before(nil, limit: 1)).map(\.body) == [.transferred(.department(support.id), note: "Over to you")])
        try await store.createAgentSession(AgentSession(id: AgentSessionID("as-1"), agentID: ann, createdAt: now))
        #expect(try await store.openAgentSessions(of: ann).map(\.id) == [AgentSessionID("as-1")])
    }
}
