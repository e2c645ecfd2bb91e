extension PostgresMigrations {
    /// Messages visitors leave when nobody can chat, read newest first per department.
    /// Version 13 belongs to another change.
    static let offlineMessages = Migration(version: 14, statements: [
        """
        CREATE TABLE offline_messages (
            id TEXT PRIMARY KEY,
            department_id BIGINT NOT NULL REFERENCES departments(id),
            visitor_id TEXT,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            text TEXT NOT NULL,
            user_agent TEXT,
            ip_address TEXT,
            language TEXT,
            source_url TEXT,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX offline_messages_by_department ON offline_messages (department_id, created_at)",
        "CREATE INDEX offline_messages_by_visitor ON offline_messages (visitor_id) WHERE visitor_id IS NOT NULL",
    ])
}
