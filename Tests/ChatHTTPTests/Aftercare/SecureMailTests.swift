import ChatCore
import ChatHTTP
import Foundation
import ParleyTestSupport
import Testing

/// Transcripts over STARTTLS and TLS, with an account sent only once the connection is encrypted.
@Suite("Transcripts over TLS", .timeLimit(.minutes(3)))
struct SecureMailTests {
    static func mailing(
        through smtp: FakeSMTPServer, security: SMTPSecurity, trusting file: String?
    ) -> @Sendable (inout AppConfig) -> Void {
        { config in
            TestWorld.mailingThrough(smtp)(&config)
            config.smtp.host = "localhost"
            config.smtp.security = security
            config.smtp.credentials = SMTPCredentials(username: "parley", password: "s3cret pass")
            config.smtp.trustRootsFile = file
        }
    }

    @Test(arguments: TestBackend.available, [SMTPSecurity.startTLS, .tls])
    func theMailAndTheAccountGoOnlyOverTLS(_ backend: TestBackend, _ security: SMTPSecurity) async throws {
        let certificate = try TestCertificate.make()
        let trust = try certificate.trustFile()
        defer { try? FileManager.default.removeItem(atPath: trust) }
        let served: FakeSMTPServer.Security = security == .tls ? .tls(try certificate.serverContext()) : .startTLS(try certificate.serverContext())
        try await FakeSMTPServer.run(security: served) { smtp in
            try await TestWorld.run(backend, configure: Self.mailing(through: smtp, security: security, trusting: trust)) { world in
                let chat = try await ServedChat.open(in: world)
                #expect(try await world.call(.post, "/v1/chats/\(chat.chat)/transcript", token: chat.visitor, json: Wire.TranscriptRequest()).status
                    == .accepted)
                try await world.waitForDeliveries("the transcript") { smtp.mails.count == 1 }
                #expect(smtp.mails.first?.recipients == ["vera@example.com"])
                #expect(smtp.accounts == ["parley:s3cret pass"])
                let verbs = smtp.commands.map { String($0.prefix(4)) }
                let expected = security == .tls ? ["EHLO", "AUTH", "MAIL", "RCPT", "DATA"] : ["EHLO", "STAR", "EHLO", "AUTH", "MAIL", "RCPT", "DATA"]
                #expect(Array(verbs.prefix(expected.count)) == expected)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aServerThatRefusesSTARTTLSNeverSeesTheAccountOrTheMessage(_ backend: TestBackend) async throws {
        try await FakeSMTPServer.run { smtp in
            try await TestWorld.run(backend, configure: Self.mailing(through: smtp, security: .startTLS, trusting: nil)) { world in
                let chat = try await ServedChat.open(in: world)
                #expect(try await world.call(.post, "/v1/chats/\(chat.chat)/transcript", token: chat.visitor, json: Wire.TranscriptRequest()).status
                    == .accepted)
                try await world.waitForDeliveries("a dead letter") { try await world.services.storage.deadLetters(limit: 10).count == 1 }
                let letter = try #require(try await world.services.storage.deadLetters(limit: 10).first)
                #expect(letter.lastError == "the SMTP server answered 502 5.5.1 no TLS here to STARTTLS")
                #expect(smtp.commands.map { String($0.prefix(4)) } == ["EHLO", "STAR", "QUIT"] && smtp.accounts.isEmpty && smtp.mails.isEmpty)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aCertificateNobodyVouchesForIsNotTrusted(_ backend: TestBackend) async throws {
        try await FakeSMTPServer.run(security: .tls(try TestCertificate.make().serverContext())) { smtp in
            try await TestWorld.run(backend, configure: Self.mailing(through: smtp, security: .tls, trusting: nil)) { world in
                let chat = try await ServedChat.open(in: world)
                #expect(try await world.call(.post, "/v1/chats/\(chat.chat)/transcript", token: chat.visitor, json: Wire.TranscriptRequest()).status
                    == .accepted)
                try await world.waitForDeliveries("a failed attempt") {
                    try await world.services.storage.pendingDeliveries(limit: 10).first?.lastError?.hasPrefix("TLS with the SMTP server failed") == true
                }
                #expect(smtp.commands.isEmpty && smtp.accounts.isEmpty && smtp.mails.isEmpty)
            }
        }
    }
}
