extension SQLiteMigrations {
    /// The business calendar a department follows, as `project/cc`; null answers at any time.
    static let departmentCalendars = Migration(version: 11, statements: [
        "ALTER TABLE departments ADD COLUMN calendar TEXT",
    ])
}
