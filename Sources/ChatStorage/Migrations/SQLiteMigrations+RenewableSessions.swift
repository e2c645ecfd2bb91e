extension SQLiteMigrations {
    /// Sessions kept alive by renewals (LivePerson's login 1.2): the hash of the key that renews
    /// them, found by index, and the moment they end unless renewed. Versions 20 to 22 belong to other changes.
    static let renewableSessions = Migration(version: 21, statements: [
        "ALTER TABLE sessions ADD COLUMN renewal_key_hash TEXT",
        "ALTER TABLE sessions ADD COLUMN idle_expires_at INTEGER",
        "CREATE UNIQUE INDEX sessions_by_renewal_key ON sessions (renewal_key_hash) WHERE renewal_key_hash IS NOT NULL",
    ])
}
