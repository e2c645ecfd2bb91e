/// The SMTP server transcripts are mailed through. Without a host, Parley sends no email.
public struct SMTPSettings: Sendable, Equatable {
    /// The server's name or address; nil turns email off.
    public var host: String?
    public var port = 25
    /// The sender's address, in `From:` and `MAIL FROM`; required with a host.
    public var from = ""
    /// How the connection is protected.
    public var security = SMTPSecurity.off
    /// The account for AUTH PLAIN, sent only over TLS.
    public var credentials: SMTPCredentials?
    /// A PEM file of the certificates the server's must chain to; nil trusts the system's authorities.
    public var trustRootsFile: String?

    public init() {}

    /// Whether email can be sent at all.
    public var isConfigured: Bool { host != nil && !from.isEmpty }
}

/// Plain SMTP, SMTP upgraded with STARTTLS (nothing but EHLO goes in the clear, and a server
/// that refuses the upgrade is not sent the message), or TLS from the first byte (port 465).
public enum SMTPSecurity: String, Sendable, Equatable, CaseIterable {
    case off
    case startTLS = "starttls"
    case tls
}

/// An SMTP account. Its description never shows the password.
public struct SMTPCredentials: Sendable, Equatable, CustomStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "\(username) (password hidden)" }
}
