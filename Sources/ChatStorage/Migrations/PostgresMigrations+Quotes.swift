extension PostgresMigrations {
    /// The line a message quotes, by its per-chat event id.
    static let quotes = Migration(version: 20, statements: [
        "ALTER TABLE chat_events ADD COLUMN quoted_event_id BIGINT",
    ])
}
