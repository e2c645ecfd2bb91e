import Foundation

/// How searches compare texts: folded in Swift, the same on every database (SQLite's
/// `lower()` and `LIKE` fold ASCII only, PostgreSQL's follow its locale). Each character is
/// composed (NFC) and case-folded on its own (`Straße` and `STRASSE`, `ÉCOLE` and `école`
/// fold alike), so a folded text maps back onto the characters it came from.
public enum SearchText {
    /// The folded copy stored beside a searchable text, and the form a query is compared in.
    public static func fold(_ text: String) -> String {
        text.reduce(into: "") { folded, character in folded += fold(character) }
    }

    /// Up to `width` characters of `text` around the first place the folded `needle` occurs,
    /// with "…" where it was cut; nil when it does not occur.
    public static func excerpt(of text: String, around needle: String, width: Int = 160) -> String? {
        let characters = Array(text)
        // Where each character's folded form starts within the folded text.
        var starts: [Int] = []
        var folded: [Character] = []
        for character in characters {
            starts.append(folded.count)
            folded += Array(fold(character))
        }
        let wanted = Array(needle)
        guard !wanted.isEmpty, wanted.count <= folded.count,
              let hit = (0...(folded.count - wanted.count)).first(where: { folded[$0..<($0 + wanted.count)].elementsEqual(wanted) })
        else { return nil }
        let first = starts.lastIndex { $0 <= hit } ?? 0
        let last = starts.lastIndex { $0 < hit + wanted.count } ?? first
        // Centre the hit, then shift the window to stay inside the text.
        let length = min(width, characters.count)
        let lead = max(0, (length - (last - first + 1)) / 2)
        let start = max(0, min(first - lead, characters.count - length))
        let end = start + length
        return (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
    }

    private static func fold(_ character: Character) -> String {
        String(character).uppercased().lowercased().precomposedStringWithCanonicalMapping
    }
}
