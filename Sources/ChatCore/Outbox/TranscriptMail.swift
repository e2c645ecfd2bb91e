import Foundation

/// A chat's transcript as a plain-text mail message: what both sides saw, line by line, with
/// times and authors' names (a file as the line naming it). Notes, offers, transfers and
/// surveys (the agents' own) are left out, and so are state changes other than the chat's end.
public struct TranscriptMail: Sendable, Equatable {
    /// The most body text one mail carries; a longer transcript is cut, saying so.
    public static let maxBodyBytes = 1_000_000

    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    public var date: Date
    public var messageID: String

    /// The transcript of `chat` (events oldest first, names by author), addressed and dated.
    public init(
        chat: Chat, departmentName: String?, events: [ChatEvent], names: [EventAuthor: String], from: String, to: String, date: Date
    ) {
        self.from = from
        self.to = to
        self.date = date
        let domain = from.split(separator: "@").last.map(String.init) ?? "parley"
        messageID = "<transcript.\(chat.id.rawValue).\(IdentifierGenerator.hex(byteCount: 8))@\(domain)>"
        let department = departmentName.map { " (\($0))" } ?? ""
        subject = "Transcript of chat #\(chat.number)\(department)"
        var lines = ["Transcript of chat #\(chat.number)\(department), started \(Self.time(chat.createdAt)).", ""]
        var size = lines.reduce(0) { $0 + $1.utf8.count + 2 }
        for event in events where !event.body.isForAgentsOnly {
            let entry = Self.entry(event, names: names)
            let entrySize = entry.reduce(0) { $0 + $1.utf8.count + 2 }
            guard size + entrySize <= Self.maxBodyBytes else {
                lines.append("(The transcript is cut here: the rest does not fit in one email.)")
                break
            }
            lines += entry
            size += entrySize
        }
        body = lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The whole message, headers and base64 body, lines ending in CRLF (not yet dot-stuffed:
    /// that belongs to the SMTP conversation).
    public var message: String {
        [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(MailFormat.headerText(subject))",
            "Date: \(MailFormat.date(date))",
            "Message-ID: \(messageID)",
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            MailFormat.base64Body(body),
        ].joined(separator: "\r\n") + "\r\n"
    }

    /// One event's lines: the first with its time and author, a text's further lines indented.
    static func entry(_ event: ChatEvent, names: [EventAuthor: String]) -> [String] {
        let name = names[event.author].flatMap { $0.isEmpty ? nil : $0 } ?? Self.fallbackName(event.author)
        let stamp = "[\(time(event.createdAt))]"
        func authored(_ text: String, _ lead: String) -> [String] {
            let lines = MailFormat.lines(of: text)
            return ["\(stamp) \(lead)\(lines.first ?? "")"] + lines.dropFirst().map { "    " + $0 }
        }
        switch event.body {
        case .message(let text): return authored(text, "\(name): ")
        case .attachment(let attachment): return authored(attachment.line, "\(name): ")
        case .joined: return ["\(stamp) \(name) joined the chat."]
        case .notice(let notice): return ["\(stamp) \(notice.text)"]
        case .stateChanged(.ended): return ["\(stamp) The chat ended."]
        case .rated(let rating):
            let line = "\(stamp) \(name) rated the chat \(rating.score) of 5."
            return rating.comment.map { authored($0, "\(name) rated the chat \(rating.score) of 5: ") } ?? [line]
        // The transcript's lines already carry their edits, and leave deleted lines out.
        case .stateChanged, .offered, .offerWithdrawn, .transferred, .surveyAnswered, .note, .messageEdited, .messageDeleted: return []
        }
    }

    private static func fallbackName(_ author: EventAuthor) -> String {
        switch author {
        case .visitor: "Visitor"
        case .agent: "Agent"
        case .system: "Parley"
        }
    }

    /// `2026-11-27 23:10:05 UTC`.
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }
}
