import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("IPTP chats: sync, history and send", .timeLimit(.minutes(3)))
struct IPTPChatTests {
    @Test(arguments: TestBackend.available)
    func theGuestsSyncWakesOnAnAgentMessageAndResumesWhereItStopped(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), overrides: IPTPGuestTests.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            _ = try await world.agentToken("nick@example.com", departments: [live.id], admin: admin)
            let agent = try await world.xmLogin("nick@example.com")
            let guest = try await world.createGuest(department: live.id)
            let chat = try #require(guest["chatId"]?.string)
            let token = try #require(guest["access_token"]?.string)
            let sync = "/xm/api/sync?chatId=\(chat)&onBackground=false"

            let backlog = try JSONValue(data: Data(buffer: try await world.call(.get, sync + "&timeout=10000", token: token).body))
            #expect(backlog["messages"]?.array?.compactMap { $0["text"]?.string } == ["Hello, I'd like to contact sales team"])
            #expect(backlog["queue"]?["position"]?.number == 1, "a waiting guest sees its place in line")

            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: try await world.login("nick@example.com").accessToken)
            let joined = try JSONValue(data: Data(buffer: try await world.call(.get, sync + "&timeout=0", token: token).body))
            #expect(joined["messages"]?.array?.compactMap { $0["kind"]?.string } == ["STATE", "JOIN"])
            #expect(joined["messages"]?.array?.compactMap { $0["type"]?.number } == [1, 5], "an agent coming in is XM's type 5")

            let waiting = try await world.whileListening { try await world.call(.get, sync + "&timeout=10000", token: token) }
            let sent = try await world.client.execute(
                uri: "/xm/api/chats/\(chat)/messages", method: .post,
                headers: [IPTPTestHeaders.agentToken: agent, .contentType: "application/json"],
                body: .init(string: #"{"text": "You are now chatting with Agent Nick."}"#)
            )
            #expect(sent.status == .created)
            let woken = try JSONValue(data: Data(buffer: try await waiting.value.body))
            let message = try #require(woken["messages"]?.array?.first)
            #expect(message["text"]?.string == "You are now chatting with Agent Nick.")
            #expect(message["senderName"]?.string == "Agent nick@example.com")
            #expect(message["fromGuest"] == .bool(false))

            let idle = try JSONValue(data: Data(buffer: try await world.call(.get, sync + "&timeout=300", token: token).body))
            #expect(idle["messages"]?.array?.isEmpty == true)
        }
    }

    @Test(arguments: TestBackend.available)
    func guestsSendIdempotentlyAndPageBackThroughHistory(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let guest = try await world.createGuest(department: live.id)
            let chat = try #require(guest["chatId"]?.string)
            let token = try #require(guest["access_token"]?.string)
            let path = "/xm/api/chats/\(chat)/messages"

            let first = try await world.call(.post, path, token: token, json: ["text": "one", "clientId": "c-1"])
            let retry = try await world.call(.post, path, token: token, json: ["text": "one", "clientId": "c-1"])
            #expect(first.status == .created && retry.status == .ok)
            #expect(try JSONValue(data: Data(buffer: first.body)) == (try JSONValue(data: Data(buffer: retry.body))))
            for text in ["two", "three"] {
                #expect(try await world.call(.post, path, token: token, json: ["text": text]).status == .created)
            }
            // Newest first, as XM pages; `beforeId` is `offset` by its older name.
            let newest = try JSONValue(data: Data(buffer: try await world.call(.get, path + "?limit=2", token: token).body))
            #expect(newest["messages"]?.array?.compactMap { $0["text"]?.string } == ["three", "two"])
            #expect(newest["hasMore"] == .bool(true))
            let oldestID = try #require(newest["messages"]?.array?.last?["sequence"]?.number)
            let older = try JSONValue(data: Data(buffer: try await world.call(.get, path + "?limit=2&beforeId=\(Int(oldestID))", token: token).body))
            #expect(older["messages"]?.array?.compactMap { $0["text"]?.string } == ["one", "Hello, I'd like to contact sales team"])
        }
    }

    @Test(arguments: TestBackend.available)
    func aGuestTokenReachesNoOtherChat(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            let mine = try await world.createGuest(department: live.id)
            let theirs = try await world.createGuest(department: live.id, name: "Other")
            let token = try #require(mine["access_token"]?.string)
            let other = try #require(theirs["chatId"]?.string)
            try await world.call(.get, "/xm/api/sync?timeout=0&chatId=\(other)", token: token)
                .expectError(.iptp(path: "/xm/api/sync"), .notFound, code: "chat_not_found")
            try await world.call(.get, "/xm/api/chats/\(other)/messages", token: token)
                .expectError(.iptp(path: "/xm/api/chats/\(other)/messages"), .notFound, code: "chat_not_found")
            try await world.call(.post, "/xm/api/chats/\(other)/messages", token: token, json: ["text": "hi"])
                .expectError(.iptp(path: "/xm/api/chats/\(other)/messages"), .notFound, code: "chat_not_found")
            try await world.call(.get, "/xm/api/sync?timeout=0").expectError(.iptp(path: "/xm/api/sync"), .unauthorized, code: "unauthenticated")
            try await world.call(.post, "/xm/api/login", json: ["email": TestWorld.adminEmail, "password": "wrong password"])
                .expectError(.iptp(path: "/xm/api/login"), .unauthorized, code: "invalid_credentials")
        }
    }
}

enum IPTPTestHeaders {
    static let agentToken = HTTPField.Name("X-Authorization-Token")!
}
