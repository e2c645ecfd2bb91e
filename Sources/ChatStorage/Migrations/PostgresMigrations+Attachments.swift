extension PostgresMigrations {
    /// Files posted in chats: what they are, whose chat they belong to and who posted them,
    /// and their bytes in a table of their own, so reading a description never loads a file.
    /// Versions 16-18 belong to other changes.
    static let attachments = Migration(version: 15, statements: [
        """
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY,
            chat_id TEXT NOT NULL REFERENCES chats(id),
            uploader_kind TEXT NOT NULL,
            uploader_id TEXT,
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size BIGINT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX attachments_by_chat ON attachments (chat_id)",
        "CREATE INDEX attachments_by_uploader ON attachments (uploader_id) WHERE uploader_id IS NOT NULL",
        "CREATE TABLE attachment_bytes (id TEXT PRIMARY KEY REFERENCES attachments(id) ON DELETE CASCADE, data BYTEA NOT NULL)",
    ])
}
