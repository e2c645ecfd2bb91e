import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

extension Wire {
    struct TranscriptRequest: Codable {
        var email: String?
    }
}

extension TestWorld {
    /// Mail goes to `smtp`, and the outbox works at test speed.
    static func mailingThrough(_ smtp: FakeSMTPServer) -> @Sendable (inout AppConfig) -> Void {
        { config in
            TestWorld.fastOutbound(&config)
            config.smtp.host = "127.0.0.1"
            config.smtp.port = smtp.port
            config.smtp.from = "parley@example.com"
        }
    }
}

/// Transcripts by email: queued in the outbox, sent by SMTP, listing what both sides saw.
@Suite("Transcripts by email", .timeLimit(.minutes(3)))
struct TranscriptTests {
    @Test(arguments: TestBackend.available)
    func theVisitorsTranscriptArrivesWithTheLinesAndWithoutNotes(_ backend: TestBackend) async throws {
        try await FakeSMTPServer.run { smtp in
            try await TestWorld.run(backend, configure: TestWorld.mailingThrough(smtp)) { world in
                let served = try await ServedChat.open(in: world, message: "Where is my parcel?\n.\nIt left on Monday")
                _ = try await world.send("It is on its way, Vera", to: served.chat, token: served.agent)
                _ = try await world.expect(.created, Wire.Event.self, .post, "/v1/chats/\(served.chat)/notes", token: served.agent,
                                           json: ["text": "Customer is impatient"])
                let queued = try await world.call(.post, "/v1/chats/\(served.chat)/transcript", token: served.visitor, json: Wire.TranscriptRequest())
                #expect(queued.status == .accepted)

                try await world.waitForDeliveries("the transcript") { smtp.mails.count == 1 }
                let mail = try #require(smtp.mails.first)
                #expect(mail.from == "parley@example.com" && mail.recipients == ["vera@example.com"])
                #expect(mail.headers["from"] == "parley@example.com" && mail.headers["to"] == "vera@example.com")
                #expect(mail.headers["content-transfer-encoding"] == "base64")
                #expect(mail.headers["subject"]?.hasPrefix("Transcript of chat #") == true)
                #expect(!mail.data.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
                let body = mail.bodyText
                #expect(body.contains("Vera Visitor: Where is my parcel?\r\n    .\r\n    It left on Monday\r\n"))
                #expect(body.contains("Agent sam@example.com joined the chat."))
                #expect(body.contains("Agent sam@example.com: It is on its way, Vera"))
                #expect(body.contains(" UTC] "), "each line has its time")
                #expect(!body.contains("impatient"), "notes are for agents only")
                #expect(smtp.commands.prefix(4).map { String($0.prefix(4)) } == ["EHLO", "MAIL", "RCPT", "DATA"])
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func anAgentNamesTheAddressAndNonASCIISubjectsAreEncoded(_ backend: TestBackend) async throws {
        try await FakeSMTPServer.run { smtp in
            try await TestWorld.run(backend, configure: TestWorld.mailingThrough(smtp)) { world in
                let admin = try await world.adminToken()
                let support = try await world.createDepartment("Ayuda y atención", admin: admin)
                let agent = try await world.agentToken("sam@example.com", departments: [support.id], admin: admin)
                let chat = try await world.startChat(department: support.id).chat.id
                let path = "/v1/chats/\(chat)/transcript"
                try await world.expectError(.unprocessableContent, code: "invalid_field", field: "email", .post, path, token: agent,
                                            json: Wire.TranscriptRequest())
                let queued = try await world.call(.post, path, token: agent, json: Wire.TranscriptRequest(email: "Records@Example.org"))
                #expect(queued.status == .accepted)
                try await world.waitForDeliveries("the transcript") { smtp.mails.count == 1 }
                let mail = try #require(smtp.mails.first)
                #expect(mail.recipients == ["records@example.org"])
                let subject = try #require(mail.headers["subject"])
                #expect(subject.hasPrefix("=?UTF-8?B?") && subject.hasSuffix("?="))
                let decoded = subject.split(separator: " ").compactMap { word -> String? in
                    guard word.hasPrefix("=?UTF-8?B?") else { return nil }
                    return Data(base64Encoded: String(word.dropFirst(10).dropLast(2))).map { String(decoding: $0, as: UTF8.self) }
                }.joined()
                #expect(decoded.hasSuffix("(Ayuda y atención)"))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func withoutAnSMTPServerTheServerSaysSo(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let served = try await ServedChat.open(in: world)
            try await world.expectError(.serviceUnavailable, code: "email_not_configured", .post, "/v1/chats/\(served.chat)/transcript",
                                        token: served.visitor, json: Wire.TranscriptRequest())
        }
    }

    @Test(arguments: TestBackend.available)
    func strangersBadAddressesAndAFourthRequestWithinTheHourAreRefused(_ backend: TestBackend) async throws {
        try await FakeSMTPServer.run { smtp in
            try await TestWorld.run(backend, configure: TestWorld.mailingThrough(smtp)) { world in
                let served = try await ServedChat.open(in: world)
                let path = "/v1/chats/\(served.chat)/transcript"
                let stranger = try await world.startChat(department: served.department).credentials.accessToken
                let elsewhere = try await world.createDepartment("Elsewhere", admin: served.admin)
                let outsider = try await world.agentToken("olga@example.com", departments: [elsewhere.id], admin: served.admin)
                for token in [stranger, outsider] {
                    try await world.expectError(.notFound, code: "chat_not_found", .post, path, token: token,
                                                json: Wire.TranscriptRequest(email: "x@example.com"))
                }
                let tooLong = String(repeating: "a", count: 250) + "@example.com"
                for bad in ["not-an-address", "a@b", "vera@exa mple.com", "vera@example.com\r\nBcc: x@example.com", "véra@example.com",
                            "<vera@example.com>", tooLong] {
                    try await world.expectError(.unprocessableContent, code: "invalid_field", field: "email", .post, path,
                                                token: served.visitor, json: Wire.TranscriptRequest(email: bad))
                }
                for _ in 0..<3 {
                    #expect(try await world.call(.post, path, token: served.visitor, json: Wire.TranscriptRequest()).status == .accepted)
                }
                let refused = try await world.call(.post, path, token: served.agent, json: Wire.TranscriptRequest(email: "boss@example.com"))
                ErrorShape.native().check(refused, .tooManyRequests, code: "rate_limited")
                #expect(refused.headers[.retryAfter].flatMap(Int.init).map { (3000...3600).contains($0) } == true,
                        "\(refused.headers[.retryAfter] ?? "no Retry-After")")
                world.clock.advance(by: .seconds(3601))
                let agent = try await world.login("sam@example.com").accessToken
                #expect(try await world.call(.post, path, token: agent, json: Wire.TranscriptRequest(email: "boss@example.com")).status
                    == .accepted, "an hour later the chat may be mailed again")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func anSMTPOutageIsRetriedAndARefusalBecomesADeadLetter(_ backend: TestBackend) async throws {
        try await FakeSMTPServer.run { smtp in
            smtp.refuse(["451 4.3.0 try again later", "421 4.7.0 busy"])
            try await TestWorld.run(backend, configure: TestWorld.mailingThrough(smtp)) { world in
                let served = try await ServedChat.open(in: world)
                let path = "/v1/chats/\(served.chat)/transcript"
                #expect(try await world.call(.post, path, token: served.visitor, json: Wire.TranscriptRequest()).status == .accepted)
                try await world.waitForDeliveries("the transcript after two refusals") { smtp.mails.count == 1 }

                smtp.refuse(["550 5.1.1 no such mailbox"])
                #expect(try await world.call(.post, path, token: served.agent, json: Wire.TranscriptRequest(email: "gone@example.com")).status
                    == .accepted)
                try await world.waitForDeliveries("a dead letter") { try await world.services.storage.deadLetters(limit: 10).count == 1 }
                let letters = try await world.expect(.ok, Wire.List<Wire.DeadLetter>.self, .get, "/v1/dead-letters", token: served.admin)
                let letter = try #require(letters.items.first)
                #expect(letter.destination == "email" && letter.summary.hasPrefix("transcript of chat #"))
                #expect(letter.reason?.contains("550") == true && letter.attempts == 1)
                #expect(smtp.mails.count == 1)
            }
        }
    }
}

extension TranscriptTests {
    /// A visitor cannot make Parley mail what it wrote to anyone it likes: its transcript goes to
    /// its own address, and only once an agent has served the chat.
    @Test(arguments: TestBackend.available)
    func aVisitorsTranscriptGoesOnlyToItsOwnAddressOnceServed(_ backend: TestBackend) async throws {
        try await FakeSMTPServer.run { smtp in
            try await TestWorld.run(backend, configure: TestWorld.mailingThrough(smtp)) { world in
                let served = try await ServedChat.open(in: world)
                let path = "/v1/chats/\(served.chat)/transcript"
                try await world.expectError(.forbidden, code: "forbidden", .post, path, token: served.visitor,
                                            json: Wire.TranscriptRequest(email: "someone.else@example.com"))
                #expect(try await world.call(.post, path, token: served.visitor,
                                             json: Wire.TranscriptRequest(email: "Vera@Example.com")).status == .accepted)

                let waiting = try await world.startChat(department: served.department)
                try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/chats/\(waiting.chat.id)/transcript",
                                            token: waiting.credentials.accessToken, json: Wire.TranscriptRequest())
            }
        }
    }
}
