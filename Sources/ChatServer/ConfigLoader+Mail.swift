import ChatHTTP

extension ConfigLoader {
    /// The SMTP server transcripts are mailed through: none unless PARLEY_SMTP_HOST is set,
    /// and then PARLEY_SMTP_FROM must be too.
    func loadMail(into config: inout AppConfig) throws {
        config.smtp.port = try integer("PARLEY_SMTP_PORT", in: 1...65535) ?? config.smtp.port
        if let from = environment["PARLEY_SMTP_FROM"] {
            guard Self.isPlainAddress(from) else {
                throw ConfigurationError(description: "PARLEY_SMTP_FROM: '\(from)' is not a plain ASCII email address (name@example.com)")
            }
            config.smtp.from = from
        }
        guard let host = environment["PARLEY_SMTP_HOST"] else { return }
        guard !host.isEmpty, host.utf8.count <= 253, host.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
            throw ConfigurationError(description: "PARLEY_SMTP_HOST: must be a host name or address of 1 to 253 characters without spaces")
        }
        guard !config.smtp.from.isEmpty else {
            throw ConfigurationError(description: "PARLEY_SMTP_FROM: must be set when PARLEY_SMTP_HOST is (the sender of every mail)")
        }
        config.smtp.host = host
    }

    /// One `@` between a local part and a dotted domain, in printable ASCII without spaces or
    /// the characters that would end an address in a header (`<`, `>`, `,`, `;`, quotes).
    private static func isPlainAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.utf8.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && !"<>,;\"()[]\\:".unicodeScalars.contains($0) }
    }
}
