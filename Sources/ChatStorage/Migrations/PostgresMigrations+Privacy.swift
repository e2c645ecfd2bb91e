extension PostgresMigrations {
    /// Erased visitors: a visitor whose chats are kept anonymised stays as a tombstone, marked
    /// by when it was erased. Erasure finds a visitor's sessions by index.
    static let visitorErasure = Migration(version: 10, statements: [
        "ALTER TABLE visitors ADD COLUMN erased_at BIGINT",
        "CREATE INDEX sessions_by_visitor ON sessions (visitor_id) WHERE visitor_id IS NOT NULL",
    ])
}
