import Foundation
import ChatCore

/// The client's side of one SMTP conversation that sends one message (RFC 5321): greeting,
/// EHLO (HELO if the server does not know EHLO), MAIL FROM, RCPT TO, DATA, the dot-stuffed
/// message, QUIT. A pure state machine: each reply in, the next thing to do out.
struct SMTPDialogue: Sendable {
    enum Action: Sendable, Equatable {
        /// Write these bytes (a command with its CRLF, or the message) and wait for a reply.
        case send(String)
        /// The conversation is over with this outcome; say QUIT first when `quit`.
        case finish(DeliveryOutcome, quit: Bool)
    }

    private enum Step: String {
        case greeting, ehlo = "EHLO", helo = "HELO", mailFrom = "MAIL FROM", recipient = "RCPT TO", data = "DATA", message = "the message"
    }

    private let clientName: String
    private let from: String
    private let to: String
    private let message: String
    private var step = Step.greeting

    init(clientName: String, from: String, to: String, message: String) {
        self.clientName = clientName
        self.from = from
        self.to = to
        self.message = message
    }

    mutating func receive(_ reply: SMTPReply) -> Action {
        let expected = switch step {
        case .greeting: 220
        case .data: 354
        default: 250
        }
        guard reply.code == expected || (step == .recipient && reply.code == 251) else {
            if step == .ehlo, !reply.isTransient {
                step = .helo
                return .send("HELO \(clientName)\r\n")
            }
            let reason = "the SMTP server answered \(reply.summary) to \(step == .greeting ? "the connection" : step.rawValue)"
            let outcome: DeliveryOutcome = reply.isTransient || reply.isPositive
                ? .failed(reason: reason, retryAfter: nil) : .rejected(reason: reason)
            return .finish(outcome, quit: step != .greeting)
        }
        switch step {
        case .greeting:
            step = .ehlo
            return .send("EHLO \(clientName)\r\n")
        case .ehlo, .helo:
            step = .mailFrom
            return .send("MAIL FROM:<\(from)>\r\n")
        case .mailFrom:
            step = .recipient
            return .send("RCPT TO:<\(to)>\r\n")
        case .recipient:
            step = .data
            return .send("DATA\r\n")
        case .data:
            step = .message
            return .send(Self.dataBlock(message))
        case .message:
            return .finish(.delivered, quit: true)
        }
    }

    /// The message as DATA carries it: CRLF lines, a dot doubled at the start of a line, and
    /// the lone dot that ends it.
    static func dataBlock(_ message: String) -> String {
        let lines = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var body = lines.map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        if body.last == "" { body.removeLast() }
        return body.map { $0 + "\r\n" }.joined() + ".\r\n"
    }
}
