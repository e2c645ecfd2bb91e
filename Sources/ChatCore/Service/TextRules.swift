import Foundation

/// Which characters stored text may hold, named by what they do rather than by Unicode's
/// broad categories: `CharacterSet.controlCharacters` also holds the format characters
/// (Cf) that Persian names (ZWNJ), emoji sequences (ZWJ) and soft hyphens need.
extension Unicode.Scalar {
    /// U+0000: PostgreSQL text cannot hold it, and C strings end at it.
    var isNull: Bool { value == 0 }

    /// C0 controls, DEL and C1 controls.
    var isControlCode: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

    /// Bidi embeddings, overrides and isolates: they reorder the text that follows them, so
    /// a name could show as something else than it is.
    var isBidiControl: Bool { (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) }

    /// The line and paragraph separators, which break a line like a newline does.
    var isLineSeparator: Bool { value == 0x2028 || value == 0x2029 }

    /// What a one-line label (a name, an away status) may not hold.
    var isForbiddenInLabel: Bool { isControlCode || isBidiControl || isLineSeparator }
}

extension String {
    /// The longest prefix of at most `characters` characters and `bytes` UTF-8 bytes, cut
    /// between characters, never inside one.
    func prefix(characters: Int, bytes: Int) -> String {
        var end = startIndex
        var count = 0
        var size = 0
        for character in self {
            let width = character.utf8.count
            guard count < characters, size + width <= bytes else { break }
            count += 1
            size += width
            end = index(after: end)
        }
        return String(self[..<end])
    }

    /// Whether the text fits both limits. Bytes are checked first: they bound the work of
    /// counting characters.
    func fits(characters: Int, bytes: Int) -> Bool {
        utf8.count <= bytes && count <= characters
    }
}
