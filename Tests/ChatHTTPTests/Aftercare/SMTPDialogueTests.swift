import ChatCore
import Testing

@testable import ChatHTTP

/// The SMTP client's reply parser and conversation, without a socket.
@Suite("SMTP dialogue")
struct SMTPDialogueTests {
    @Test func repliesAreCutFromBytesInAnyChunksAndMultiLineRepliesKeptWhole() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.consume(Array("220 mx.example ESMTP\r\n250-mx.exa".utf8)) == [SMTPReply(code: 220, lines: ["mx.example ESMTP"])])
        #expect(try parser.consume(Array("mple\r\n250-8BITMIME\r\n".utf8)).isEmpty)
        #expect(try parser.consume(Array("250 SIZE 1000\n354\r\n".utf8)) == [
            SMTPReply(code: 250, lines: ["mx.example", "8BITMIME", "SIZE 1000"]), SMTPReply(code: 354, lines: [""]),
        ])
        var broken = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Malformed.self) { try broken.consume(Array("hello there\r\n".utf8)) }
        var endless = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Malformed.self) { try endless.consume([UInt8](repeating: 65, count: 5000)) }
    }

    @Test func aMessageIsSentStepByStepAndDotStuffed() {
        var dialogue = SMTPDialogue(clientName: "example.com", from: "parley@example.com", to: "vera@example.org", message: "Subject: x\r\n\r\n.hidden\r\nend\r\n")
        #expect(dialogue.receive(SMTPReply(code: 220, lines: ["hi"])) == .send("EHLO example.com\r\n"))
        #expect(dialogue.receive(SMTPReply(code: 250, lines: ["ok"])) == .send("MAIL FROM:<parley@example.com>\r\n"))
        #expect(dialogue.receive(SMTPReply(code: 250, lines: ["ok"])) == .send("RCPT TO:<vera@example.org>\r\n"))
        #expect(dialogue.receive(SMTPReply(code: 251, lines: ["forwarded"])) == .send("DATA\r\n"))
        #expect(dialogue.receive(SMTPReply(code: 354, lines: ["go"])) == .send("Subject: x\r\n\r\n..hidden\r\nend\r\n.\r\n"))
        #expect(dialogue.receive(SMTPReply(code: 250, lines: ["queued"])) == .finish(.delivered, quit: true))
    }

    @Test func aServerWithoutEHLOIsGreetedWithHELOAndRefusalsDecideTheOutcome() {
        var old = SMTPDialogue(clientName: "example.com", from: "a@example.com", to: "b@example.com", message: "x")
        _ = old.receive(SMTPReply(code: 220, lines: []))
        #expect(old.receive(SMTPReply(code: 502, lines: ["what?"])) == .send("HELO example.com\r\n"))
        #expect(old.receive(SMTPReply(code: 250, lines: []))  == .send("MAIL FROM:<a@example.com>\r\n"))
        #expect(old.receive(SMTPReply(code: 451, lines: ["later"])) == .finish(
            .failed(reason: "the SMTP server answered 451 later to MAIL FROM", retryAfter: nil), quit: true
        ))

        var busy = SMTPDialogue(clientName: "example.com", from: "a@example.com", to: "b@example.com", message: "x")
        #expect(busy.receive(SMTPReply(code: 554, lines: ["go away"])) == .finish(
            .rejected(reason: "the SMTP server answered 554 go away to the connection"), quit: false
        ))
        var unknown = SMTPDialogue(clientName: "example.com", from: "a@example.com", to: "b@example.com", message: "x")
        _ = unknown.receive(SMTPReply(code: 220, lines: []))
        _ = unknown.receive(SMTPReply(code: 250, lines: []))
        _ = unknown.receive(SMTPReply(code: 250, lines: []))
        #expect(unknown.receive(SMTPReply(code: 550, lines: ["no such user"])) == .finish(
            .rejected(reason: "the SMTP server answered 550 no such user to RCPT TO"), quit: true
        ))
    }

    @Test func startTLSComesBeforeTheAccountAndARefusedUpgradeEndsTheConversation() {
        let account = SMTPCredentials(username: "chat", password: "pw")
        var dialogue = SMTPDialogue(clientName: "example.com", from: "a@example.com", to: "b@example.com", message: "x", upgrades: true, credentials: account)
        #expect(dialogue.receive(SMTPReply(code: 220, lines: [])) == .send("EHLO example.com\r\n"))
        #expect(dialogue.receive(SMTPReply(code: 250, lines: ["STARTTLS"])) == .send("STARTTLS\r\n"))
        #expect(dialogue.receive(SMTPReply(code: 220, lines: ["go ahead"])) == .startTLS(thenSend: "EHLO example.com\r\n"))
        // "\0chat\0pw" in base64.
        #expect(dialogue.receive(SMTPReply(code: 250, lines: [])) == .send("AUTH PLAIN AGNoYXQAcHc=\r\n"))
        #expect(dialogue.receive(SMTPReply(code: 235, lines: [])) == .send("MAIL FROM:<a@example.com>\r\n"))

        var refused = SMTPDialogue(clientName: "example.com", from: "a@example.com", to: "b@example.com", message: "x", upgrades: true, credentials: account)
        _ = refused.receive(SMTPReply(code: 220, lines: []))
        #expect(refused.receive(SMTPReply(code: 502, lines: ["no EHLO"])) == .finish(
            .rejected(reason: "the SMTP server answered 502 no EHLO to EHLO"), quit: true
        ), "a server without EHLO cannot upgrade: no HELO in the clear")
        var wrongPassword = SMTPDialogue(clientName: "example.com", from: "a@example.com", to: "b@example.com", message: "x", credentials: account)
        _ = wrongPassword.receive(SMTPReply(code: 220, lines: []))
        _ = wrongPassword.receive(SMTPReply(code: 250, lines: []))
        #expect(wrongPassword.receive(SMTPReply(code: 535, lines: ["bad credentials"])) == .finish(
            .rejected(reason: "the SMTP server answered 535 bad credentials to AUTH"), quit: true
        ))
    }
}
