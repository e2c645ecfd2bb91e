extension SQLiteMigrations {
    /// Files posted in chats: what they are, whose chat they belong to and who posted them.
    /// The bytes are files under `attachments/` beside the database. Versions 16-18 belong to other changes.
    static let attachments = Migration(version: 15, statements: [
        """
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY,
            chat_id TEXT NOT NULL REFERENCES chats(id),
            uploader_kind TEXT NOT NULL,
            uploader_id TEXT,
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        )
        """,
        "CREATE INDEX attachments_by_chat ON attachments (chat_id)",
        "CREATE INDEX attachments_by_uploader ON attachments (uploader_id) WHERE uploader_id IS NOT NULL",
    ])
}
