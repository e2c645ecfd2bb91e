import ChatCore
import Foundation

/// The client's side of one SMTP conversation that sends one message (RFC 5321): greeting,
/// EHLO (HELO if a plain server does not know EHLO), STARTTLS and EHLO again when asked,
/// AUTH PLAIN when there is an account, MAIL FROM, RCPT TO, DATA, the dot-stuffed message,
/// QUIT. A pure state machine: each reply in, the next thing to do out.
struct SMTPDialogue: Sendable {
    enum Action: Sendable, Equatable {
        /// Write these bytes (a command with its CRLF, or the message) and wait for a reply.
        case send(String)
        /// Start TLS on the connection, then write these bytes and wait for a reply.
        case startTLS(thenSend: String)
        /// The conversation is over with this outcome; say QUIT first when `quit`.
        case finish(DeliveryOutcome, quit: Bool)
    }

    private enum Step {
        case greeting, ehlo, helo, startTLS, secureEHLO, auth, mailFrom, recipient, data, message

        /// The command a reply answers, as a delivery's error names it.
        var command: String {
            switch self {
            case .greeting: "the connection"
            case .ehlo, .secureEHLO: "EHLO"
            case .helo: "HELO"
            case .startTLS: "STARTTLS"
            case .auth: "AUTH"
            case .mailFrom: "MAIL FROM"
            case .recipient: "RCPT TO"
            case .data: "DATA"
            case .message: "the message"
            }
        }

        var expectedCode: Int {
            switch self {
            case .greeting, .startTLS: 220
            case .auth: 235
            case .data: 354
            default: 250
            }
        }
    }

    private let clientName: String
    private let from: String
    private let to: String
    private let message: String
    private let upgrades: Bool
    private let credentials: SMTPCredentials?
    private var step = Step.greeting

    /// `upgrades`: send STARTTLS after the first EHLO. `credentials` are sent once the
    /// connection is TLS (the transport never makes a dialogue with them over plain SMTP).
    init(clientName: String, from: String, to: String, message: String, upgrades: Bool = false, credentials: SMTPCredentials? = nil) {
        self.clientName = clientName
        self.from = from
        self.to = to
        self.message = message
        self.upgrades = upgrades
        self.credentials = credentials
    }

    mutating func receive(_ reply: SMTPReply) -> Action {
        guard reply.code == step.expectedCode || (step == .recipient && reply.code == 251) else {
            if step == .ehlo, !upgrades, credentials == nil, !reply.isTransient {
                step = .helo
                return .send("HELO \(clientName)\r\n")
            }
            let reason = "the SMTP server answered \(reply.summary) to \(step.command)"
            let outcome: DeliveryOutcome = reply.isTransient || reply.isPositive
                ? .failed(reason: reason, retryAfter: nil) : .rejected(reason: reason)
            return .finish(outcome, quit: step != .greeting)
        }
        switch step {
        case .greeting:
            step = .ehlo
            return .send("EHLO \(clientName)\r\n")
        case .ehlo where upgrades:
            step = .startTLS
            return .send("STARTTLS\r\n")
        case .startTLS:
            step = .secureEHLO
            return .startTLS(thenSend: "EHLO \(clientName)\r\n")
        case .ehlo, .helo, .secureEHLO:
            return greeted()
        case .auth:
            return mailFrom()
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

    private mutating func greeted() -> Action {
        guard let credentials else { return mailFrom() }
        step = .auth
        let plain = Data(([0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8))).base64EncodedString()
        return .send("AUTH PLAIN \(plain)\r\n")
    }

    private mutating func mailFrom() -> Action {
        step = .mailFrom
        return .send("MAIL FROM:<\(from)>\r\n")
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
