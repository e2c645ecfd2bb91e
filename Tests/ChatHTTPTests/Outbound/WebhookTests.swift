import ChatCore
import ChatHTTP
import Crypto
import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// Webhooks: registered by admins, signed per Standard Webhooks with the secret handed out,
/// retried, disabled by a 410, dead-lettered by other 4xx, and never aimed at private addresses.
@Suite("Webhooks", .timeLimit(.minutes(3)))
struct WebhookTests {
    static func allowingLoopback(_ config: inout AppConfig) {
        TestWorld.fastOutbound(&config)
        config.outbound.webhooksAllowPrivateAddresses = true
    }

    /// The signature recomputed here, independently of the server's code.
    static func expectedSignature(_ request: StandInReceiver.Received, secret: String) throws -> String {
        let key = try #require(Data(base64Encoded: String(secret.dropFirst("whsec_".count))))
        let id = try #require(request.headers["webhook-id"])
        let timestamp = try #require(request.headers["webhook-timestamp"])
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(request.body)".utf8), using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    @Test(arguments: TestBackend.available)
    func deliveriesAreSignedWithTheSecretHandedOutAndRetriedUnderOneID(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { receiver in
            receiver.answer([.init(status: 500), .init(status: 429, headers: ["Retry-After": "2"])])
            try await TestWorld.run(backend, configure: Self.allowingLoopback) { world in
                let admin = try await world.adminToken()
                let hook = try await world.expect(.created, Wire.Webhook.self, .post, "/v1/webhooks", token: admin,
                                                  json: Wire.NewWebhook(url: receiver.url + "/hooks", events: ["message.created", "chat.started"]))
                #expect(hook.secret.hasPrefix("whsec_") && hook.enabled && hook.events == ["chat.started", "message.created"])
                let key = try #require(Data(base64Encoded: String(hook.secret.dropFirst(6))))
                #expect((24...32).contains(key.count))
                let sales = try await world.createDepartment("Sales", admin: admin)
                let started = try await world.startChat(department: sales.id, message: "Where is my parcel?")

                try await world.waitForDeliveries("two notifications") { receiver.accepted.count >= 2 }
                let accepted = receiver.accepted
                for request in accepted {
                    #expect(request.headers["webhook-signature"] == (try Self.expectedSignature(request, secret: hook.secret)))
                    #expect(request.headers["content-type"] == "application/json" && request.path == "/hooks")
                }
                let bodies = try accepted.map { try #require(try JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any]) }
                #expect(bodies.map { $0["type"] as? String } == ["chat.started", "message.created"])
                let message = try #require((bodies[1]["data"] as? [String: Any])?["message"] as? [String: Any])
                #expect(message["text"] as? String == "Where is my parcel?" && message["authorKind"] as? String == "visitor")
                #expect((bodies[0]["data"] as? [String: Any])?["chatId"] as? String == started.chat.id)

                let received = receiver.received
                #expect(received.count == 4, "a 500 and a 429 were tried again")
                #expect(Set(received.prefix(3).map { $0.headers["webhook-id"] }).count == 1, "a retry keeps the delivery's id")
                let first = try #require(Int(received[1].headers["webhook-timestamp"] ?? ""))
                let afterWait = try #require(Int(received[2].headers["webhook-timestamp"] ?? ""))
                #expect(afterWait - first >= 2, "Retry-After was honoured")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func a410DisablesTheEndpointAndOther4xxAreDeadLettersAdminsReplay(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { gone in
            try await StandInReceiver.run { picky in
                gone.answer([.init(status: 410)])
                picky.answer([.init(status: 422)])
                try await TestWorld.run(backend, configure: Self.allowingLoopback) { world in
                    let admin = try await world.adminToken()
                    let goneHook = try await world.expect(.created, Wire.Webhook.self, .post, "/v1/webhooks", token: admin,
                                                          json: Wire.NewWebhook(url: gone.url, events: ["chat.started"]))
                    let pickyHook = try await world.expect(.created, Wire.Webhook.self, .post, "/v1/webhooks", token: admin,
                                                           json: Wire.NewWebhook(url: picky.url, events: ["chat.started"]))
                    let sales = try await world.createDepartment("Sales", admin: admin)
                    _ = try await world.startChat(department: sales.id)
                    try await world.waitForDeliveries("two dead letters") { try await world.services.storage.deadLetters(limit: 10).count == 2 }

                    let disabled = try await world.expect(.ok, Wire.Webhook.self, .get, "/v1/webhooks/\(goneHook.id)", token: admin)
                    #expect(!disabled.enabled && disabled.disabledReason == "the receiver answered 410 (gone)")
                    let dead = try await world.expect(.ok, Wire.List<Wire.DeadLetter>.self, .get, "/v1/dead-letters", token: admin).items
                    let pickyDead = try #require(dead.first { $0.webhookId == pickyHook.id })
                    #expect(pickyDead.reason == "the receiver answered 422" && pickyDead.summary == "chat.started")

                    _ = try await world.call(.post, "/v1/dead-letters/\(pickyDead.id)/replay", token: admin)
                    try await world.waitForDeliveries("the replay") { picky.accepted.count == 1 }
                    #expect(picky.accepted.first?.headers["webhook-id"] == pickyDead.id, "a replay is the same delivery")
                    #expect(gone.received.count == 1, "a disabled endpoint is sent nothing more")

                    let enabled = try await world.expect(.ok, Wire.Webhook.self, .patch, "/v1/webhooks/\(goneHook.id)", token: admin, json: ["enabled": true])
                    #expect(enabled.enabled && enabled.disabledReason == nil)
                }
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func privateAddressesAreRefusedAtRegistrationAndAtDelivery(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: TestWorld.fastOutbound) { world in
            let admin = try await world.adminToken()
            for url in ["http://127.0.0.1:8080/hook", "http://10.0.0.7/", "http://169.254.169.254/latest", "http://[::1]/", "http://[::ffff:192.168.1.1]/",
                        "http://100.64.0.1/", "http://0.0.0.0/", "http://[fe80::1]/", "http://localhost/"] {
                try await world.expectError(.unprocessableContent, code: "address_not_public", field: "url", .post, "/v1/webhooks", token: admin,
                                            json: Wire.NewWebhook(url: url))
            }
            for url in ["ftp://example.com/", "not a url", "http://user:pw@example.com/", "https://" + String(repeating: "a", count: 2100) + ".com/"] {
                try await world.expectError(.unprocessableContent, code: "invalid_field", field: "url", .post, "/v1/webhooks", token: admin,
                                            json: Wire.NewWebhook(url: url))
            }
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "events", .post, "/v1/webhooks", token: admin,
                                        json: Wire.NewWebhook(url: "https://hooks.example.com/", events: ["chat.exploded"]))
            #expect(try await world.expect(.ok, Wire.List<Wire.Webhook>.self, .get, "/v1/webhooks", token: admin).items.isEmpty, "nothing refused was stored")

            // An endpoint that reaches a private address by another way (here: stored directly) is refused when sent to.
            try await world.services.storage.createWebhookEndpoint(WebhookEndpoint(
                id: WebhookEndpointID("inside"), url: "http://127.0.0.1:9/", events: [], secret: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                isEnabled: true, disabledReason: nil, createdAt: world.clock.now
            ))
            let sales = try await world.createDepartment("Sales", admin: admin)
            _ = try await world.startChat(department: sales.id)
            try await world.waitForDeliveries("dead letters") { try await !world.services.storage.deadLetters(limit: 10).isEmpty }
            let dead = try await world.services.storage.deadLetters(limit: 10)
            #expect(dead.allSatisfy { $0.lastError == "127.0.0.1 resolves to 127.0.0.1, which is not a public address" })
        }
    }

    @Test(arguments: TestBackend.available)
    func agentStatusChangesBansAndOfflineMessagesAreNotified(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { receiver in
            try await TestWorld.run(backend, configure: Self.allowingLoopback) { world in
                let admin = try await world.adminToken()
                _ = try await world.expect(.created, Wire.Webhook.self, .post, "/v1/webhooks", token: admin,
                                           json: Wire.NewWebhook(url: receiver.url, events: ["agent.status_changed", "visitor.banned", "offline_message.created"]))
                let sales = try await world.createDepartment("Sales", admin: admin)
                let agent = try await world.agentToken("ann@example.com", departments: [sales.id], admin: admin)
                let ann = try await world.login("ann@example.com").agent.id
                _ = try await world.expect(.ok, Wire.AgentStatus.self, .put, "/v1/agents/\(ann)/status", token: agent,
                                           json: Wire.StatusChange(status: "away", awayReason: "Occupied"))
                let ban = try await world.ban(Wire.NewBan(addresses: "192.0.2.0/24", reason: "Spam"), admin: admin)
                let left = try await world.expect(.created, JSONValue.self, .post, "/v1/offline-messages", json: OfflineMessageTests.Leave(
                    departmentId: sales.id, name: "Vera", email: "vera@example.com", message: "Call me back"
                ))

                try await world.waitForDeliveries("three notifications") { receiver.accepted.count >= 3 }
                let bodies = try receiver.accepted.map { try #require(try JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any]) }
                let byType = Dictionary(uniqueKeysWithValues: bodies.map { ($0["type"] as? String ?? "", $0["data"] as? [String: Any] ?? [:]) })
                let status = try #require(byType["agent.status_changed"])
                #expect(status["agentId"] as? String == ann && status["status"] as? String == "away" && status["awayReason"] as? String == "Occupied")
                let banned = try #require(byType["visitor.banned"]?["ban"] as? [String: Any])
                #expect(banned["id"] as? String == ban.id && banned["addresses"] as? String == "192.0.2.0/24" && banned["reason"] as? String == "Spam")
                let offline = try #require(byType["offline_message.created"]?["offlineMessage"] as? [String: Any])
                #expect(offline["id"] as? String == left["id"]?.string && offline["text"] as? String == "Call me back" && offline["email"] as? String == "vera@example.com")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func onlyAdminsManageWebhooks(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: Self.allowingLoopback) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("ann@example.com", departments: [sales.id], admin: admin)
            let hook = try await world.expect(.created, Wire.Webhook.self, .post, "/v1/webhooks", token: admin, json: Wire.NewWebhook(url: "http://127.0.0.1:9/"))
            #expect(hook.events.isEmpty)
            try await world.expectError(.forbidden, code: "forbidden", .get, "/v1/webhooks", token: agent)
            try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/webhooks", token: agent, json: Wire.NewWebhook(url: "http://127.0.0.1:9/"))
            try await world.expectError(.forbidden, code: "forbidden", .delete, "/v1/webhooks/\(hook.id)", token: agent)
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/webhooks/\(hook.id)")
            let changed = try await world.expect(.ok, Wire.Webhook.self, .patch, "/v1/webhooks/\(hook.id)", token: admin,
                                                 json: Wire.NewWebhook(url: "http://127.0.0.1:10/", events: ["chat.ended"]))
            #expect(changed.url == "http://127.0.0.1:10/" && changed.events == ["chat.ended"] && changed.secret == hook.secret)
            #expect(try await world.call(.delete, "/v1/webhooks/\(hook.id)", token: admin).status == .noContent)
            try await world.expectError(.notFound, code: "webhook_not_found", .get, "/v1/webhooks/\(hook.id)", token: admin)
        }
    }
}
