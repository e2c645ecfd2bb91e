import ChatHTTP
import Testing

@testable import ChatServer

/// The SMTP server transcripts go through: off by default, a host needs a sender.
@Suite("Email settings", .timeLimit(.minutes(3)))
struct MailSettingsTests {
    @Test func emailIsOffByDefaultAndOnWithAHostAndASender() throws {
        let defaults = try CalendarSettingsTests.load([:]).smtp
        #expect(defaults.host == nil && defaults.port == 25 && !defaults.isConfigured)
        let smtp = try CalendarSettingsTests.load([
            "PARLEY_SMTP_HOST": "mail.example.com", "PARLEY_SMTP_PORT": "2525", "PARLEY_SMTP_FROM": "chat@example.com",
        ]).smtp
        #expect(smtp.host == "mail.example.com" && smtp.port == 2525 && smtp.from == "chat@example.com" && smtp.isConfigured)
        #expect(smtp.security == .off && smtp.credentials == nil && smtp.trustRootsFile == nil)
    }

    @Test func tlsAnAccountAndTrustedAuthoritiesAreRead() throws {
        let smtp = try CalendarSettingsTests.load([
            "PARLEY_SMTP_HOST": "smtp.example.com", "PARLEY_SMTP_FROM": "chat@example.com", "PARLEY_SMTP_TLS": "STARTTLS",
            "PARLEY_SMTP_USERNAME": "chat", "PARLEY_SMTP_PASSWORD": "pa ss", "PARLEY_SMTP_CA_FILE": "/etc/hostname",
        ]).smtp
        #expect(smtp.security == .startTLS && smtp.credentials == SMTPCredentials(username: "chat", password: "pa ss"))
        #expect(smtp.trustRootsFile == "/etc/hostname" && !"\(smtp.credentials!)".contains("pa ss"))
        #expect(try CalendarSettingsTests.load(["PARLEY_SMTP_TLS": "tls"]).smtp.security == .tls)
    }

    @Test(arguments: [
        (["PARLEY_SMTP_HOST": "mail.example.com"], "PARLEY_SMTP_FROM"),
        (["PARLEY_SMTP_HOST": "mail example.com", "PARLEY_SMTP_FROM": "chat@example.com"], "PARLEY_SMTP_HOST"),
        (["PARLEY_SMTP_HOST": "", "PARLEY_SMTP_FROM": "chat@example.com"], "PARLEY_SMTP_HOST"),
        (["PARLEY_SMTP_PORT": "0"], "PARLEY_SMTP_PORT"),
        (["PARLEY_SMTP_PORT": "smtp"], "PARLEY_SMTP_PORT"),
        (["PARLEY_SMTP_FROM": "Parley <chat@example.com>"], "PARLEY_SMTP_FROM"),
        (["PARLEY_SMTP_FROM": "chat@example.com\r\nBcc: x@example.com"], "PARLEY_SMTP_FROM"),
        (["PARLEY_SMTP_FROM": "chat"], "PARLEY_SMTP_FROM"),
        (["PARLEY_SMTP_TLS": "ssl"], "PARLEY_SMTP_TLS"),
        (["PARLEY_SMTP_USERNAME": "chat", "PARLEY_SMTP_PASSWORD": "secret"], "PARLEY_SMTP_TLS"),
        (["PARLEY_SMTP_USERNAME": "chat", "PARLEY_SMTP_TLS": "tls"], "PARLEY_SMTP_PASSWORD"),
        (["PARLEY_SMTP_PASSWORD": "secret", "PARLEY_SMTP_TLS": "tls"], "PARLEY_SMTP_USERNAME"),
        (["PARLEY_SMTP_USERNAME": "chat", "PARLEY_SMTP_PASSWORD": "se\ncret", "PARLEY_SMTP_TLS": "tls"], "PARLEY_SMTP_PASSWORD"),
        (["PARLEY_SMTP_CA_FILE": "/nonexistent/ca.pem"], "PARLEY_SMTP_CA_FILE"),
    ])
    func aMalformedSettingIsNamed(_ environment: [String: String], _ variable: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try CalendarSettingsTests.load(environment) }
        #expect(error?.description.hasPrefix(variable + ":") == true, "\(error?.description ?? "no error")")
    }
}
