extension PostgresMigrations {
    /// When a chat ended, when an agent first joined it and when its visitor rated it (chats
    /// already stored take the times their logs hold); an email delivery's recipient; the
    /// transcripts asked for per chat, counted against a limit. Versions 15 to 17 belong to other changes.
    static let aftercare = Migration(version: 19, statements: [
        "ALTER TABLE chats ADD COLUMN ended_at BIGINT",
        "ALTER TABLE chats ADD COLUMN served_at BIGINT",
        "ALTER TABLE chats ADD COLUMN rated_at BIGINT",
        """
        UPDATE chats SET ended_at = (
            SELECT MAX(e.created_at) FROM chat_events e WHERE e.chat_id = chats.id AND e.kind = 'state' AND e.state = 'ended')
        WHERE state = 'ended'
        """,
        """
        UPDATE chats SET served_at = (SELECT MIN(e.created_at) FROM chat_events e WHERE e.chat_id = chats.id AND e.kind = 'joined')
        """,
        "ALTER TABLE outbox ADD COLUMN recipient TEXT",
        "CREATE TABLE transcript_requests (chat_id TEXT NOT NULL, requested_at BIGINT NOT NULL)",
        "CREATE INDEX transcript_requests_by_chat ON transcript_requests (chat_id, requested_at)",
        "CREATE INDEX transcript_requests_by_time ON transcript_requests (requested_at)",
    ])
}
