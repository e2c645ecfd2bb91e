/// The SQLite schema. Times are milliseconds since 1970; flags are 0 or 1.
enum SQLiteMigrations {
    static let all: [Migration] = [
        Migration(version: 1, statements: [
            "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
            "INSERT INTO counters (name, value) VALUES ('event_cursor', 0), ('chat_number', 0)",
            """
            CREATE TABLE departments (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                created_at INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE agents (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                is_admin INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE agent_departments (
                agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                department_id INTEGER NOT NULL REFERENCES departments(id),
                PRIMARY KEY (agent_id, department_id)
            )
            """,
            """
            CREATE TABLE visitors (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                email TEXT NOT NULL,
                user_agent TEXT,
                ip_address TEXT,
                language TEXT,
                source_url TEXT,
                created_at INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE chats (
                id TEXT PRIMARY KEY,
                number INTEGER NOT NULL UNIQUE,
                department_id INTEGER NOT NULL REFERENCES departments(id),
                visitor_id TEXT NOT NULL REFERENCES visitors(id),
                state TEXT NOT NULL,
                agent_id TEXT REFERENCES agents(id),
                next_event_id INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            )
            """,
            "CREATE INDEX chats_by_department ON chats (department_id, state)",
            "CREATE INDEX chats_by_agent ON chats (agent_id, state)",
            """
            CREATE TABLE chat_events (
                cursor INTEGER PRIMARY KEY,
                chat_id TEXT NOT NULL REFERENCES chats(id),
                event_id INTEGER NOT NULL,
                kind TEXT NOT NULL,
                author_kind TEXT NOT NULL,
                author_id TEXT,
                text TEXT,
                state TEXT,
                client_message_id TEXT,
                created_at INTEGER NOT NULL,
                UNIQUE (chat_id, event_id)
            )
            """,
            "CREATE INDEX chat_events_by_chat ON chat_events (chat_id, cursor)",
            """
            CREATE UNIQUE INDEX chat_events_by_client_id ON chat_events (chat_id, author_kind, author_id, client_message_id)
            WHERE client_message_id IS NOT NULL
            """,
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                subject_kind TEXT NOT NULL,
                agent_id TEXT REFERENCES agents(id) ON DELETE CASCADE,
                visitor_id TEXT REFERENCES visitors(id),
                chat_id TEXT REFERENCES chats(id),
                created_at INTEGER NOT NULL,
                revoked_at INTEGER
            )
            """,
            """
            CREATE TABLE refresh_tokens (
                token_hash TEXT PRIMARY KEY,
                session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                expires_at INTEGER NOT NULL,
                used_at INTEGER
            )
            """,
            "CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id)",
        ]),
        captchasAndFeedPositions,
        routing,
        visitorPresence,
        transfers,
        agentSessions,
        sessionsByAgent,
        visitorTracking,
        bans,
        visitorErasure,
        channelContacts,
        offlineMessages,
        outbox,
        departmentCalendars,
        attachments,
        cannedResponses,
        prechatFields,
        chatSearch,
        aftercare,
        quotes,
        renewableSessions,
    ]
}

extension SQLiteMigrations {
    /// Captchas, and the feed positions the server keeps for clients that do not keep a cursor.
    static let captchasAndFeedPositions = Migration(version: 2, statements: [
        "CREATE TABLE captchas (id TEXT PRIMARY KEY, answer TEXT NOT NULL, expires_at INTEGER NOT NULL)",
        "CREATE INDEX captchas_by_expiry ON captchas (expires_at)",
        """
        CREATE TABLE feed_positions (
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            scope TEXT NOT NULL,
            cursor INTEGER NOT NULL,
            PRIMARY KEY (session_id, scope)
        )
        """,
    ])
}

extension SQLiteMigrations {
    /// Agent statuses and capacities, department routing, offers, custom away statuses.
    static let routing = Migration(version: 3, statements: [
        "ALTER TABLE agents ADD COLUMN status TEXT NOT NULL DEFAULT 'offline'",
        "ALTER TABLE agents ADD COLUMN away_reason TEXT",
        "ALTER TABLE agents ADD COLUMN max_chats INTEGER",
        "ALTER TABLE agents ADD COLUMN last_routed_at INTEGER",
        "ALTER TABLE departments ADD COLUMN routing_mode TEXT NOT NULL DEFAULT 'least_busy'",
        "ALTER TABLE departments ADD COLUMN max_chats_per_agent INTEGER",
        "ALTER TABLE chats ADD COLUMN offered_to TEXT REFERENCES agents(id)",
        "ALTER TABLE chats ADD COLUMN offered_at INTEGER",
        "CREATE INDEX chats_by_offer ON chats (offered_to)",
        "ALTER TABLE chat_events ADD COLUMN target_agent_id TEXT",
        "CREATE TABLE away_statuses (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL)",
    ])
}

extension SQLiteMigrations {
    /// When each chat's visitor was last seen (a message, a sync, an open WebSocket).
    static let visitorPresence = Migration(version: 4, statements: [
        "ALTER TABLE chats ADD COLUMN visitor_seen_at INTEGER",
        "CREATE INDEX chats_by_visitor_seen ON chats (state, visitor_seen_at)",
    ])
}

extension SQLiteMigrations {
    /// The department a chat is transferred to, recorded on its `transferred` event.
    static let transfers = Migration(version: 5, statements: [
        "ALTER TABLE chat_events ADD COLUMN target_department_id INTEGER",
    ])
}

extension SQLiteMigrations {
    /// Agents' working sessions (LivePerson's `agentSession`).
    static let agentSessions = Migration(version: 6, statements: [
        """
        CREATE TABLE agent_sessions (
            id TEXT PRIMARY KEY,
            agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            ended_at INTEGER
        )
        """,
        "CREATE INDEX agent_sessions_open ON agent_sessions (agent_id, ended_at)",
    ])
}

extension SQLiteMigrations {
    /// Revoking every session of an agent (a password change) and deleting an agent find its
    /// sessions by index rather than by reading the whole table.
    static let sessionsByAgent = Migration(version: 7, statements: [
        "CREATE INDEX sessions_by_agent ON sessions (agent_id) WHERE agent_id IS NOT NULL",
    ])
}

extension SQLiteMigrations {
    /// Visitors in their own right: presence, visits and page views, what the page and the
    /// pre-chat form told about them, invitations and the rules that send them automatically, a revision number that every change agents
    /// see raises (from one counter, so feeds read changes in order), and who ended each chat (a chat an agent
    /// ended before anyone joined it was refused). Visitors created with their chat before
    /// this version get one visit, started when they were created, on the page they came from.
    static let visitorTracking = Migration(version: 8, statements: [
        "ALTER TABLE visitors ADD COLUMN last_seen_at INTEGER",
        "ALTER TABLE visitors ADD COLUMN screen_resolution TEXT",
        "ALTER TABLE visitors ADD COLUMN time_zone TEXT",
        "ALTER TABLE visitors ADD COLUMN custom_variables TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE visitors ADD COLUMN form_fields TEXT NOT NULL DEFAULT '[]'",
        "ALTER TABLE visitors ADD COLUMN pre_chat_at INTEGER",
        "ALTER TABLE visitors ADD COLUMN invitation TEXT",
        "ALTER TABLE visitors ADD COLUMN invitation_state TEXT",
        "ALTER TABLE visitors ADD COLUMN invited_at INTEGER",
        "ALTER TABLE visitors ADD COLUMN invited_by TEXT",
        "ALTER TABLE visitors ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE visitors ADD COLUMN departed_at INTEGER",
        "CREATE INDEX visitors_by_revision ON visitors (revision)",
        "INSERT INTO counters (name, value) VALUES ('visitor_revision', 0)",
        """
        UPDATE visitors SET last_seen_at = COALESCE(
            (SELECT MAX(COALESCE(c.visitor_seen_at, c.created_at)) FROM chats c WHERE c.visitor_id = visitors.id), created_at)
        """,
        "CREATE INDEX visitors_by_last_seen ON visitors (last_seen_at)",
        """
        CREATE TABLE visits (
            visitor_id TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            landing_page TEXT,
            referrer TEXT,
            PRIMARY KEY (visitor_id, number)
        )
        """,
        "INSERT INTO visits (visitor_id, number, started_at, landing_page, referrer) SELECT id, 1, created_at, source_url, NULL FROM visitors",
        """
        CREATE TABLE page_views (
            visitor_id TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            visit_number INTEGER NOT NULL,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            referrer TEXT NOT NULL,
            viewed_at INTEGER NOT NULL,
            PRIMARY KEY (visitor_id, number)
        )
        """,
        """
        INSERT INTO page_views (visitor_id, number, visit_number, url, title, referrer, viewed_at)
        SELECT id, 1, 1, source_url, '', '', created_at FROM visitors WHERE source_url IS NOT NULL
        """,
        """
        CREATE TABLE auto_invitation_rules (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            url_pattern TEXT NOT NULL,
            seconds_on_page INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        )
        """,
        "ALTER TABLE chats ADD COLUMN ended_by TEXT",
        "CREATE INDEX chats_by_visitor ON chats (visitor_id, created_at)",
    ])
}
