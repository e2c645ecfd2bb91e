/// One SMTP reply: a three-digit code and its text lines (`250-first`, `250 last`).
struct SMTPReply: Sendable, Equatable {
    let code: Int
    let lines: [String]

    /// 2xx and 3xx: the server goes on.
    var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: worth trying again later.
    var isTransient: Bool { (400..<500).contains(code) }

    /// The reply in a few words, for a delivery's error: code and first line, bounded.
    var summary: String { "\(code) \(String((lines.first ?? "").prefix(200)))" }
}

/// Cuts the bytes an SMTP server sends into replies: lines ending in CRLF (a bare LF is taken
/// too), a reply's lines all but its last carrying a `-` after the code. Pure, so it is tested
/// without a socket; bounded, so a server that sends endless lines cannot grow it.
struct SMTPReplyParser: Sendable {
    /// The longest line accepted (RFC 5321 allows 512 bytes; servers stretch it).
    static let maxLineBytes = 4096
    /// The most lines one reply may hold (EHLO lists extensions, one per line).
    static let maxLines = 100

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    private var buffer: [UInt8] = []
    private var lines: [String] = []

    /// Takes bytes; answers the replies they complete, in order.
    mutating func consume(_ bytes: some Sequence<UInt8>) throws -> [SMTPReply] {
        buffer += bytes
        var replies: [SMTPReply] = []
        while let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(buffer[..<end])
            buffer.removeSubrange(...end)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if let reply = try take(line) { replies.append(reply) }
        }
        guard buffer.count <= Self.maxLineBytes else { throw Malformed(description: "a reply line longer than \(Self.maxLineBytes) bytes") }
        return replies
    }

    private mutating func take(_ line: [UInt8]) throws -> SMTPReply? {
        let digits = line.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let code = Int(String(decoding: digits, as: UTF8.self)), (200...599).contains(code)
        else { throw Malformed(description: "a reply line without a code") }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw Malformed(description: "a reply line without a code")
        }
        lines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        guard lines.count <= Self.maxLines else { throw Malformed(description: "a reply of more than \(Self.maxLines) lines") }
        guard separator == UInt8(ascii: " ") else { return nil }
        defer { lines = [] }
        return SMTPReply(code: code, lines: lines)
    }
}
