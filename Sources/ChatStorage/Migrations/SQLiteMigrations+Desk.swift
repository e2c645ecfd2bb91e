extension SQLiteMigrations {
    /// Canned responses, their shortcuts unique per department (0 stands for the global ones:
    /// department ids start at 1). Version 15 belongs to another change.
    static let cannedResponses = Migration(version: 16, statements: [
        """
        CREATE TABLE canned_responses (
            id TEXT PRIMARY KEY,
            shortcut TEXT NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            department_id INTEGER REFERENCES departments(id),
            created_at INTEGER NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX canned_responses_by_shortcut ON canned_responses ((COALESCE(department_id, 0)), shortcut)",
    ])

    /// The pre-chat form's extra fields, in the admin's order; a select's options as a JSON array.
    static let prechatFields = Migration(version: 17, statements: [
        """
        CREATE TABLE prechat_fields (
            position INTEGER PRIMARY KEY,
            field_key TEXT NOT NULL,
            label TEXT NOT NULL,
            kind TEXT NOT NULL,
            required INTEGER NOT NULL,
            options TEXT NOT NULL,
            department_id INTEGER REFERENCES departments(id)
        )
        """,
    ])

    /// Case-folded copies (`SearchText.fold`) of visitors' and agents' lines and of visitors'
    /// names and emails, which searches compare; folded in Swift for what is already stored.
    static let chatSearch = Migration(version: 18, statements: [
        "ALTER TABLE chat_events ADD COLUMN search_text TEXT",
        "ALTER TABLE visitors ADD COLUMN search_text TEXT",
    ], backfill: SearchBackfill.run)
}
