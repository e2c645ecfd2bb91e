import Foundation

/// The pieces of an Internet mail message (RFC 5322, MIME) that Parley writes: header words
/// in RFC 2047's encoding when they are not ASCII, base64 bodies, dates. Lines end in CRLF.
public enum MailFormat {
    /// A header value as is when it is printable ASCII, else as UTF-8 base64 encoded words,
    /// each within RFC 2047's 75 characters and cut between characters, folded onto lines of their own.
    public static func headerText(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(character.utf8)
            // 45 bytes make 60 base64 characters: with "=?UTF-8?B?" and "?=", 72 in all.
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// A body in base64, on lines of 76 characters.
    public static func base64Body(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    /// An RFC 5322 date in UTC: `Fri, 27 Nov 2026 23:10:05 +0000`.
    public static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// The text's lines with every line break (CRLF, CR, LF) made one.
    static func lines(of text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
