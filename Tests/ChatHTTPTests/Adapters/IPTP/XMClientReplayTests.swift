import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

/// IPTP's XM web client (app/shared/api.js, app/features/sync/sync.js), replayed request by
/// request in its order, with its headers and bodies: what it sends and what it reads is the
/// contract of the `/xm` face.
@Suite("XM's web client, replayed", .timeLimit(.minutes(3)))
struct XMClientReplayTests {
    /// A request as api.js sends it to `xm/api/`: a bearer token, the language, JSON.
    static func xm(
        _ world: TestWorld, _ method: HTTPRequest.Method, _ path: String, token: String, body: String? = nil,
        contentType: String = "application/json"
    ) async throws -> TestResponse {
        try await world.client.execute(
            uri: path, method: method,
            headers: [.authorization: "Bearer \(token)", .acceptLanguage: "en", .contentType: contentType],
            body: body.map { ByteBuffer(string: $0) }
        )
    }

    static func json(_ response: TestResponse) throws -> JSONValue {
        try JSONValue(data: Data(buffer: response.body))
    }

    @Test(arguments: TestBackend.available)
    func anAgentAndAGuestChatEditAndDeleteAsTheXMClientDoes(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            _ = try await world.agentToken("nick@example.com", departments: [live.id], admin: admin)
            let guest = try await world.createGuest(department: live.id)
            let chat = try #require(guest["chatId"]?.string)
            let guestToken = try #require(guest["access_token"]?.string)

            // loginForm.js: POST /xm/auth/login with the form's JSON.
            let login = try await world.client.execute(
                uri: "/xm/auth/login", method: .post, headers: [.contentType: "application/json", .acceptLanguage: "en"],
                body: ByteBuffer(string: #"{"email": "nick@example.com", "password": "\#(TestWorld.password)"}"#)
            )
            #expect(login.status == .ok)
            let session = try Self.json(login)
            #expect(["sessionId", "userId", "access_token", "refresh_token"].allSatisfy(session.keys.contains))
            let agent = try #require(session["access_token"]?.string)
            let sessionID = try #require(session["sessionId"]?.string)

            // sync.js: the first sync has no lastSyncedAt but 0; it reads messages and lastSyncedAt.
            let sync = "/xm/api/sync?timeout=0&onBackground=false&sessionId=\(sessionID)&chatId=\(chat)"
            let first = try Self.json(try await Self.xm(world, .get, sync + "&lastSyncedAt=0", token: agent))
            let opening = try #require(first["messages"]?.array?.last)
            #expect(opening["message"]?.string == "Hello, I'd like to contact sales team" && opening["type"]?.number == 1)
            #expect(opening["id"]?["chatId"]?.string == chat && opening["sender"]?["name"]?.string == "Tester2")
            #expect(opening["msgDate"]?.string?.hasSuffix("+0000") == true)
            for list in ["userTypingEvents", "userReadChatEvents", "newInviteEvents", "muteChatEvents", "reactionEvents", "pinEvents"] {
                #expect(first[list]?.array != nil, "\(list) is present")
            }
            // chatboxTopbar.js shows "online" or "last seen" from the guest's last activity.
            #expect(first["partnerLastTimeActivity"]?.string?.hasSuffix("+0000") == true)
            let agentSyncedAt = try #require(first["lastSyncedAt"]?.number)

            // chatboxContent.js and docs/api.md: history through both paths, newest first.
            let page = try Self.json(try await Self.xm(world, .get, "/xm/api/chats/\(chat)/messages?offset=0", token: agent))
            #expect(page["messages"]?.array?.first?["message"]?.string == "Hello, I'd like to contact sales team")
            let envelope = try Self.json(try await Self.xm(world, .get, "/xm/api/messages?offset=0&chatId=\(chat)", token: agent))
            #expect(envelope["status"]?.number == 0 && envelope["message"]?.string == "Success" && envelope["errors"]?.array?.isEmpty == true)
            #expect(envelope["data"]?["messages"]?.array?.count == page["messages"]?.array?.count)

            // chatboxInput.js: a line, a note, a quoted line.
            let path = "/xm/api/chats/\(chat)/messages"
            let sent = try await Self.xm(world, .post, path, token: agent, body: #"{"message": "Hi, Nick here.", "internal": false, "quotedMessageId": null}"#)
            #expect(sent.status == .created, "\(String(buffer: sent.body))")
            let hello = try #require(try Self.json(sent)["messageId"]?.number)
            #expect(try Self.json(sent)["chatId"]?.string == chat)
            let note = try await Self.xm(world, .post, path, token: agent, body: #"{"message": "VIP customer", "internal": true}"#)
            #expect(note.status == .created)
            let quoted = try await Self.xm(world, .post, path, token: agent, body: #"{"message": "As you said", "internal": false, "quotedMessageId": "\#(Int(hello))"}"#)
            #expect(quoted.status == .created)
            let doomed = try #require(try Self.json(quoted)["messageId"]?.number)
            try await Self.xm(world, .post, path, token: guestToken, body: #"{"message": "hide this", "internal": true}"#)
                .expectError(.iptp(path: path), .forbidden, code: "forbidden")
            try await Self.xm(world, .post, path, token: guestToken, body: #"{"message": "one", "text": "or the other"}"#)
                .expectError(.iptp(path: path), .badRequest, code: "malformed_request")

            // The guest's sync: the lines, never the note.
            let guestSync = "/xm/api/sync?timeout=0&onBackground=false&chatId=\(chat)"
            let seen = try Self.json(try await Self.xm(world, .get, guestSync + "&lastSyncedAt=0", token: guestToken))
            let texts = seen["messages"]?.array?.filter { $0["kind"]?.string == "TEXT" }.compactMap { $0["message"]?.string }
            #expect(texts == ["Hello, I'd like to contact sales team", "Hi, Nick here.", "As you said"])
            let quoting = try #require(seen["messages"]?.array?.first { $0["message"]?.string == "As you said" })
            #expect(quoting["quotedMessage"]?["id"]?["messageId"]?.number == hello)
            #expect(quoting["quotedMessage"]?["message"]?.string == "Hi, Nick here." && quoting["quotedMessage"]?["sender"]?["name"]?.string == "Agent nick@example.com")
            try await Self.xm(world, .post, path, token: guestToken, body: #"{"message": "which?", "quotedMessageId": 0}"#)
                .expectError(.iptp(path: path), .unprocessableContent, code: "invalid_field")
            try await Self.xm(world, .post, path, token: guestToken, body: #"{"message": "which?", "quotedMessageId": 4242}"#)
                .expectError(.iptp(path: path), .notFound, code: "message_not_found")
            #expect(seen["partnerLastTimeActivity"] == nil || seen["partnerLastTimeActivity"] == .null)
            let guestSyncedAt = try #require(seen["lastSyncedAt"]?.number)

            // Edit as text/plain (docs/api.md) and as the web client's JSON; delete.
            let edited = try await Self.xm(world, .put, "\(path)/\(Int(hello))", token: agent, body: "Hi, Nick from sales.", contentType: "text/plain")
            #expect(edited.status == .noContent, "\(String(buffer: edited.body))")
            let again = try await Self.xm(world, .put, "\(path)/\(Int(hello))", token: agent, body: #"{"message": "Hi, Nick from sales here."}"#)
            #expect(again.status == .noContent)
            #expect(try await Self.xm(world, .delete, "\(path)/\(Int(doomed))", token: agent).status == .noContent)
            try await Self.xm(world, .put, "\(path)/\(Int(hello))", token: guestToken, body: "mine now", contentType: "text/plain")
                .expectError(.iptp(path: "\(path)/\(Int(hello))"), .forbidden, code: "forbidden")
            try await Self.xm(world, .delete, "\(path)/\(Int(doomed))", token: agent)
                .expectError(.iptp(path: "\(path)/\(Int(doomed))"), .conflict, code: "message_not_amendable")
            try await Self.xm(world, .delete, "\(path)/999", token: agent)
                .expectError(.iptp(path: "\(path)/999"), .notFound, code: "message_not_found")

            // The other side's sync tells of the changes; its history shows the latest text.
            let changes = try Self.json(try await Self.xm(world, .get, guestSync + "&lastSyncedAt=\(Int(guestSyncedAt))", token: guestToken))
            let updates = try #require(changes["messages"]?.array)
            #expect(updates.map { $0["id"]?["messageId"]?.number } == [hello, hello, doomed])
            #expect(updates.map { $0["updated"] == .bool(true) } == [true, true, false])
            #expect(updates.last?["deleted"] == .bool(true) && updates.last?["message"]?.string == "")
            let history = try #require(try Self.json(try await Self.xm(world, .get, "\(path)?offset=0", token: guestToken))["messages"]?.array)
            let line = try #require(history.first { $0["id"]?["messageId"]?.number == hello })
            #expect(line["message"]?.string == "Hi, Nick from sales here." && line["updated"] == .bool(true))
            let gone = try #require(history.first { $0["id"]?["messageId"]?.number == doomed })
            #expect(gone["deleted"] == .bool(true) && gone["message"]?.string == "" && gone["text"]?.string == "")
            #expect(!history.contains { $0["message"]?.string == "As you said" || $0["internal"] == .bool(true) })
            let older = try Self.json(try await Self.xm(world, .get, "/xm/api/messages?chatId=\(chat)&offset=\(Int(hello))", token: guestToken))
            #expect(older["data"]?["messages"]?.array?.allSatisfy { ($0["sequence"]?.number ?? 0) < hello } == true)
            let agentChanges = try Self.json(try await Self.xm(world, .get, sync + "&lastSyncedAt=\(Int(agentSyncedAt))", token: agent))
            #expect(agentChanges["messages"]?.array?.contains { $0["internal"] == .bool(true) && $0["message"]?.string == "VIP customer" } == true)
        }
    }

    /// chatboxInput.js sends `encodeStringBase64(text)` as `message`, also when it edits.
    @Test(arguments: TestBackend.available)
    func theWebClientsBase64LinesAreKeptAsThePlainTextEveryoneReads(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let agent = try await world.agentToken("nick@example.com", departments: [live.id], admin: admin)
            let guest = try await world.createGuest(department: live.id)
            let chat = try #require(guest["chatId"]?.string)
            let token = try #require(guest["access_token"]?.string)
            let path = "/xm/api/chats/\(chat)/messages"
            func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

            let sent = try await Self.xm(world, .post, path, token: token, body: #"{"message": "\#(base64("¿Dónde está mi pedido? 📦\nGracias"))", "internal": false}"#)
            #expect(sent.status == .created)
            let line = try #require(try Self.json(sent)["messageId"]?.number)
            // Plain lines that happen to use base64's letters stay as they came ("YQFi" decodes to a control character).
            for plain in ["Test", "abcd", "YQFi"] {
                #expect(try await Self.xm(world, .post, path, token: token, body: #"{"message": "\#(plain)"}"#).status == .created)
            }
            let edited = try await Self.xm(world, .put, "\(path)/\(Int(line))", token: token, body: #"{"message": "\#(base64("Where is my order?"))"}"#)
            #expect(edited.status == .noContent)

            let events = try Self.json(try await world.call(.get, "/v1/chats/\(chat)/events", token: agent))
            let texts = events["items"]?.array?.compactMap { $0["type"]?.string == "message" ? $0["text"]?.string : nil }
            #expect(texts == ["Hello, I'd like to contact sales team", "Where is my order?", "Test", "abcd", "YQFi"])
        }
    }

    @Test(arguments: TestBackend.available)
    func theRefreshGrantTellsUsedFromUnknownAndGivesARetryingInstanceItsSuccessor(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            _ = try await world.adminToken()
            let login = try Self.json(try await world.call(.post, "/xm/auth/login", json: ["email": TestWorld.adminEmail, "password": TestWorld.password]))
            let refresh = try #require(login["refresh_token"]?.string)
            // api.js: axios' form default, `grant_type=refresh_token&refresh_token=...&secret=...`.
            func grant(_ token: String, _ secret: String) async throws -> TestResponse {
                try await world.client.execute(
                    uri: "/xm/oauth2/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "grant_type=refresh_token&refresh_token=\(token)&secret=\(secret)")
                )
            }
            let renewed = try await grant(refresh, "Ab3dE6gH9j")
            #expect(renewed.status == .ok)
            let successor = try #require(try Self.json(renewed)["refresh_token"]?.string)
            let retried = try await grant(refresh, "Ab3dE6gH9j")
            #expect(retried.status == .ok, "the same instance re-asking after a race keeps its session")
            #expect(try Self.json(retried)["refresh_token"]?.string == successor)

            let unknown = try await grant("0123456789abcdef", "Ab3dE6gH9j")
            unknown.expectError(.iptp(path: "/xm/oauth2/token"), .notFound, code: "invalid_refresh_token")
            #expect(try Self.json(unknown)["details"]?.string == "Refresh token not found.")
            let stolen = try await grant(refresh, "OtherTab42")
            stolen.expectError(.iptp(path: "/xm/oauth2/token"), .forbidden, code: "invalid_refresh_token")
            #expect(try Self.json(stolen)["details"]?.string == "Refresh token already used.")
        }
    }

    @Test(arguments: TestBackend.available)
    func theCaptchaCarriesItsImageWhereResetPasswordFormReadsIt(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let captcha = try Self.json(try await world.call(.get, "/xm/captcha"))
            let image = try #require(captcha["captchaImage"]?.string)
            #expect(captcha["captchaId"]?.string != nil)
            #expect(captcha["image"]?.string == "data:image/svg+xml;base64,\(image)")
            #expect(Data(base64Encoded: image) != nil)
        }
    }
}
