import ChatCore
import ChatHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import ParleyTestSupport
import Testing

/// Each session sends messages and typing notices from its own token buckets, a repeated
/// typing state wakes nobody, and a chat stops taking lines at its size cap.
@Suite("Message and typing rates, chat size")
struct SendRateTests {
    static func slowSenders(_ config: inout AppConfig) {
        config.limits.messageBurst = 3
        config.limits.messagesPerMinute = 1
        config.limits.typingBurst = 2
        config.limits.typingPerMinute = 1
    }

    @Test(arguments: TestBackend.available)
    func aSessionPastItsMessageBurstGets429WithRetryAfter(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: Self.slowSenders) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let chat = try await world.startChat(department: sales.id)
            let visitor = chat.credentials.accessToken
            for text in ["one", "two", "three"] {
                _ = try await world.send(text, to: chat.chat.id, token: visitor)
            }
            let refused = try await world.call(.post, "/v1/chats/\(chat.chat.id)/messages", token: visitor,
                                               json: Wire.Message(text: "four", clientMessageId: nil))
            #expect(refused.status == .tooManyRequests)
            #expect((Int(refused.headers[.retryAfter] ?? "") ?? 0) >= 1)
            #expect(TextBoundsTests.error(refused)?.code == "rate_limited")
            // The agent has its own bucket.
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat.chat.id)/join", token: admin)
            _ = try await world.send("Hello Vera", to: chat.chat.id, token: admin)
            let page = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat.chat.id)/events", token: admin)
            #expect(!page.items.contains { $0.text == "four" }, "a refused message is not stored")
        }
    }

    @Test(arguments: TestBackend.available)
    func typingPastItsBurstGets429(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: Self.slowSenders) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let chat = try await world.startChat(department: sales.id)
            let path = "/v1/chats/\(chat.chat.id)/typing"
            let token = chat.credentials.accessToken
            for typing in [true, false] {
                #expect(try await world.call(.post, path, token: token, json: ["typing": typing]).status == .noContent)
            }
            let refused = try await world.call(.post, path, token: token, json: ["typing": true])
            #expect(refused.status == .tooManyRequests && refused.headers[.retryAfter] != nil)
        }
    }

    /// Over a WebSocket the refusal is an error frame; it says when to come back, as `Retry-After` does.
    @Test(arguments: TestBackend.available)
    func typingPastItsBurstOnAWebSocketGetsAnErrorThatSaysWhenToComeBack(_ backend: TestBackend) async throws {
        struct Frame: Decodable {
            struct Failure: Decodable { let code: String }
            let type: String
            let error: Failure?
            let retryAfter: Int?
        }
        try await TestWorld.run(backend, .ahc(.http), configure: Self.slowSenders) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let chat = try await world.startChat(department: sales.id)
            let refusal = Box<Frame?>(nil)
            try await world.client.ws("/v1/ws?access_token=\(chat.credentials.accessToken)&cursor=latest") { inbound, outbound, _ in
                for typing in [true, false, true] {
                    try await outbound.write(.text(#"{"type": "typing", "chatId": "\#(chat.chat.id)", "typing": \#(typing)}"#))
                }
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message else { continue }
                    let frame = try JSONDecoder().decode(Frame.self, from: Data(text.utf8))
                    if frame.type == "error" {
                        refusal.value = frame
                        return
                    }
                }
            }
            #expect(refusal.value?.error?.code == "rate_limited")
            #expect((refusal.value?.retryAfter ?? 0) >= 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func aRepeatedTypingStateIsAcceptedButNotPublishedAgain(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let chat = try await world.startChat(department: sales.id)
            let path = "/v1/chats/\(chat.chat.id)/typing"
            let token = chat.credentials.accessToken
            let listener = world.services.bus.listen(to: .chat(ChatID(chat.chat.id)))
            let timer = listener.wake(after: .seconds(20))
            defer { timer.cancel() }
            let clock = ContinuousClock()
            let began = clock.now
            for typing in [true, true, true] {
                #expect(try await world.call(.post, path, token: token, json: ["typing": typing]).status == .noContent)
            }
            let repeatsTook = clock.now - began
            #expect(try await world.call(.post, path, token: token, json: ["typing": false]).status == .noContent)
            var heard: [Bool] = []
            for await signal in listener.signals {
                if case .notice(.typing(let notice)) = signal { heard.append(notice.isTyping) }
                if heard.last == false || signal == .timeout { break }
            }
            // The rule is "within a second": only a machine too slow to send three notices in
            // one second could see a repeat published.
            if repeatsTook < .seconds(1) {
                #expect(heard == [true, false])
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aFullChatRefusesLinesAndNotesButStillTransfersAndCloses(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.limits.maxChatEvents = 8 }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let support = try await world.createDepartment("Support", admin: admin)
            let chat = try await world.startChat(department: sales.id)
            let id = chat.chat.id
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(id)/join", token: admin)
            var accepted = 0
            while accepted < 10 {
                let response = try await world.call(.post, "/v1/chats/\(id)/messages", token: chat.credentials.accessToken,
                                                    json: Wire.Message(text: "spam \(accepted)", clientMessageId: nil))
                guard response.status == .created else {
                    #expect(response.status == .conflict && TextBoundsTests.error(response)?.code == "chat_full")
                    break
                }
                accepted += 1
            }
            let full = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(id)", token: admin)
            #expect(full.lastEventId == 7, "the chat holds exactly its cap of 8 events")
            try await world.expectError(.conflict, code: "chat_full", .post, "/v1/chats/\(id)/notes", token: admin, json: ["text": "tip"])
            try await world.expectError(.conflict, code: "chat_full", .post, "/v1/chats/\(id)/messages", token: admin,
                                        json: Wire.Message(text: "hello", clientMessageId: nil))
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(id)/transfer", token: admin,
                                       json: ["departmentId": support.id])
            let closed = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(id)/close", token: admin)
            #expect(closed.state == "ended" && closed.lastEventId > 7)
        }
    }
}
