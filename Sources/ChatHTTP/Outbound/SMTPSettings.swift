/// The SMTP server transcripts are mailed through. Without a host, Parley sends no email.
public struct SMTPSettings: Sendable, Equatable {
    /// The server's name or address; nil turns email off.
    public var host: String?
    public var port = 25
    /// The sender's address, in `From:` and `MAIL FROM`; required with a host.
    public var from = ""

    public init() {}

    /// Whether email can be sent at all.
    public var isConfigured: Bool { host != nil && !from.isEmpty }
}
