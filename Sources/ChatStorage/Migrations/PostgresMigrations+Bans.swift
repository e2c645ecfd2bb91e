extension PostgresMigrations {
    /// Bans of a visitor or of an address range. A range is stored as its first and last
    /// address in the IPv6 space (IPv4 ones IPv4-mapped), each 32 lowercase hex digits; the
    /// "C" collation compares them bytewise, as SQLite does, so both order them as numbers.
    /// Version 8 belongs to another change; versions need not follow one another.
    static let bans = Migration(version: 9, statements: [
        """
        CREATE TABLE bans (
            id TEXT PRIMARY KEY,
            visitor_id TEXT,
            addresses TEXT,
            range_start TEXT COLLATE "C",
            range_end TEXT COLLATE "C",
            reason TEXT,
            created_by TEXT REFERENCES agents(id) ON DELETE SET NULL,
            created_at BIGINT NOT NULL,
            CHECK ((visitor_id IS NULL) <> (addresses IS NULL)),
            CHECK ((addresses IS NULL) = (range_start IS NULL) AND (addresses IS NULL) = (range_end IS NULL))
        )
        """,
        "CREATE INDEX bans_by_visitor ON bans (visitor_id) WHERE visitor_id IS NOT NULL",
        "CREATE INDEX bans_by_range ON bans (range_start, range_end) WHERE range_start IS NOT NULL",
    ])
}
