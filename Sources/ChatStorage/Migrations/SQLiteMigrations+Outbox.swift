extension SQLiteMigrations {
    /// Outbound deliveries (to a channel's flow engine, to webhook endpoints) until they are
    /// delivered, and the dead letters they become when given up on; the positions of the
    /// consumers that plan them from the chat log (starting at the newest event: history is
    /// not delivered); webhook endpoints. A delivery names the visitor whose data it carries,
    /// so that erasing the visitor drops it. Versions 11 and 12 belong to other changes.
    static let outbox = Migration(version: 13, statements: [
        """
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            destination TEXT NOT NULL,
            webhook_id TEXT,
            project TEXT,
            lane TEXT NOT NULL,
            payload TEXT NOT NULL,
            summary TEXT NOT NULL,
            visitor_id TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT,
            dead_at INTEGER,
            created_at INTEGER NOT NULL
        )
        """,
        "CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE dead_at IS NULL",
        "CREATE INDEX outbox_lanes ON outbox (lane, seq) WHERE dead_at IS NULL",
        "CREATE INDEX outbox_dead ON outbox (dead_at) WHERE dead_at IS NOT NULL",
        "CREATE INDEX outbox_by_visitor ON outbox (visitor_id) WHERE visitor_id IS NOT NULL",
        "CREATE TABLE outbox_positions (consumer TEXT PRIMARY KEY, cursor INTEGER NOT NULL)",
        "INSERT INTO outbox_positions (consumer, cursor) SELECT 'outbox', COALESCE(MAX(cursor), 0) FROM chat_events",
        """
        CREATE TABLE webhook_endpoints (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            events TEXT NOT NULL,
            secret TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            disabled_reason TEXT,
            created_at INTEGER NOT NULL
        )
        """,
    ])
}
