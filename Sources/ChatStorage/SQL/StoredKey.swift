/// Keys that callers send (ids in paths and queries, an email at login, an away status's
/// name) are looked up as given. A key no stored row can have names nothing, on both
/// backends alike and without a query: one with U+0000, which PostgreSQL refuses as text
/// (an error) where SQLite simply finds no row, or one longer than any key Parley stores.
enum StoredKey {
    /// Longer than any id, email or name the core lets through.
    static let maxBytes = 1024

    static func canExist(_ key: String) -> Bool {
        key.utf8.count <= maxBytes && !key.utf8.contains(0)
    }
}
