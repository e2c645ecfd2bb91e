import ChatHTTP
import Foundation

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
        try loadMailSecurity(into: &config)
        guard let host = environment["PARLEY_SMTP_HOST"] else { return }
        guard !host.isEmpty, host.utf8.count <= 253, host.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
            throw ConfigurationError(description: "PARLEY_SMTP_HOST: must be a host name or address of 1 to 253 characters without spaces")
        }
        guard !config.smtp.from.isEmpty else {
            throw ConfigurationError(description: "PARLEY_SMTP_FROM: must be set when PARLEY_SMTP_HOST is (the sender of every mail)")
        }
        config.smtp.host = host
    }

    /// TLS, the account (only over TLS) and the authorities the server's certificate must chain to.
    private func loadMailSecurity(into config: inout AppConfig) throws {
        if let mode = environment["PARLEY_SMTP_TLS"] {
            guard let security = SMTPSecurity(rawValue: mode.lowercased()) else {
                throw ConfigurationError(description: "PARLEY_SMTP_TLS: '\(mode)' is not one of off, starttls, tls")
            }
            config.smtp.security = security
        }
        switch (environment["PARLEY_SMTP_USERNAME"], environment["PARLEY_SMTP_PASSWORD"]) {
        case (nil, nil):
            break
        case (let username?, let password?):
            guard !username.isEmpty, username.utf8.count <= 256, !username.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw ConfigurationError(description: "PARLEY_SMTP_USERNAME: must be 1 to 256 bytes without control characters")
            }
            // The password is never repeated in a message.
            guard !password.isEmpty, password.utf8.count <= 256, !password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw ConfigurationError(description: "PARLEY_SMTP_PASSWORD: must be 1 to 256 bytes without control characters")
            }
            guard config.smtp.security != .off else {
                throw ConfigurationError(description: "PARLEY_SMTP_TLS: must be starttls or tls when PARLEY_SMTP_USERNAME is set (a password never goes in the clear)")
            }
            config.smtp.credentials = SMTPCredentials(username: username, password: password)
        case (nil, _?):
            throw ConfigurationError(description: "PARLEY_SMTP_USERNAME: must be set when PARLEY_SMTP_PASSWORD is")
        case (_?, nil):
            throw ConfigurationError(description: "PARLEY_SMTP_PASSWORD: must be set when PARLEY_SMTP_USERNAME is")
        }
        if let file = environment["PARLEY_SMTP_CA_FILE"] {
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw ConfigurationError(description: "PARLEY_SMTP_CA_FILE: '\(file)' is not a readable file")
            }
            config.smtp.trustRootsFile = file
        }
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
