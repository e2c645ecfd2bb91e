extension PostgresMigrations {
    /// The contacts of external channels, each linked to the visitor it is. Erasing the visitor
    /// erases the link (ON DELETE CASCADE covers a deleted visitor; anonymising deletes it too).
    /// Version 11 belongs to another change; versions need not follow one another.
    static let channelContacts = Migration(version: 12, statements: [
        """
        CREATE TABLE channel_contacts (
            uuid TEXT PRIMARY KEY,
            visitor_id TEXT NOT NULL UNIQUE REFERENCES visitors(id) ON DELETE CASCADE,
            urn TEXT,
            mongo_id TEXT,
            registered_at BIGINT NOT NULL
        )
        """,
    ])
}
