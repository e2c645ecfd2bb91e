/// How an agent's line is cut for a messaging channel whose messages hold at most
/// `maxCharacters` (640 for RapidPro's Facebook channel).
public enum ChannelText {
    public static let maxCharacters = 640

    /// Splits `text` into chunks of at most `limit` characters: each chunk ends at the last
    /// whitespace within the limit (the whitespace is dropped), or, when the window has none,
    /// is cut at the limit itself. Blank chunks are dropped; a blank text gives none.
    public static func chunks(_ text: String, limit: Int = maxCharacters) -> [String] {
        var chunks: [String] = []
        var rest = Substring(text)
        while true {
            rest = rest.drop(while: \.isWhitespace)
            guard !rest.isEmpty else { break }
            if rest.count <= limit {
                chunks.append(String(rest).trimmingTrailingWhitespace())
                break
            }
            let window = rest.prefix(limit + 1)
            if let space = window.lastIndex(where: \.isWhitespace), space > rest.startIndex {
                chunks.append(String(rest[rest.startIndex..<space]).trimmingTrailingWhitespace())
                rest = rest[space...]
            } else {
                let cut = rest.index(rest.startIndex, offsetBy: limit)
                chunks.append(String(rest[rest.startIndex..<cut]))
                rest = rest[cut...]
            }
        }
        return chunks
    }
}

extension String {
    fileprivate func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
