import ChatCore
import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

/// Admins export and erase visitors through `/v1/visitors/{id}`; retention forgets the ones long gone.
@Suite("Visitor export, erasure and retention", .timeLimit(.minutes(3)))
struct VisitorPrivacyTests {
    /// A visitor who chatted with an agent (a line each way and a note) and viewed a page; the chat stays open.
    struct Stage {
        let admin: String
        let agent: String
        let started: Wire.StartedChat
        var visitor: String { started.credentials.accessToken }
        var chat: String { started.chat.id }
        var visitorID: String { started.visitor.id }
    }

    static func stage(_ world: TestWorld) async throws -> Stage {
        let admin = try await world.adminToken()
        let sales = try await world.createDepartment("Sales", admin: admin)
        let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
        let started = try await world.startChat(department: sales.id, message: "My phone is +41 79 000 00 00")
        _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(started.chat.id)/join", token: agent)
        _ = try await world.send("Thanks Vera, noted", to: started.chat.id, token: agent)
        try await world.call(.post, "/v1/chats/\(started.chat.id)/notes", token: agent, json: ["text": "VIP customer"])
        let viewed = try await world.call(.post, "/v1/visitors/me/pageviews", token: started.credentials.accessToken,
                                          json: ["url": "https://shop.example.com/cart", "title": "Cart"])
        #expect(viewed.status == .noContent)
        return Stage(admin: admin, agent: agent, started: started)
    }

    static func texts(_ world: TestWorld, chat: String, token: String) async throws -> [String] {
        try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events", token: token).items.compactMap(\.text)
    }

    @Test(arguments: TestBackend.available)
    func anExportHoldsEverythingStoredAboutTheVisitorButNoToken(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await Self.stage(world)
            let response = try await world.call(.get, "/v1/visitors/\(stage.visitorID)/export", token: stage.admin)
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"visitor-\(stage.visitorID).json\"")
            let export = try JSONValue(data: Data(buffer: response.body))
            #expect(export.keys == ["exportedAt", "visitor", "visits", "pageViews", "chats", "sessions"])
            #expect(export["visitor"]?["email"]?.string == "vera@example.com")
            #expect(export["visitor"]?["name"]?.string == "Vera Visitor")
            #expect(export["pageViews"]?.array?.compactMap { $0["url"]?.string } == ["https://shop.example.com/cart"])
            #expect(export["visits"]?.array?.count == 1)
            let chat = try #require(export["chats"]?.array?.first)
            #expect(chat["chat"]?["id"]?.string == stage.chat)
            let texts = chat["events"]?.array?.compactMap { $0["text"]?.string }
            #expect(texts == ["My phone is +41 79 000 00 00", "Thanks Vera, noted", "VIP customer"], "notes belong to the record too")
            let sessions = try #require(export["sessions"]?.array)
            #expect(sessions.count == 1 && sessions[0].keys == ["id", "createdAt"])
            let raw = String(buffer: response.body)
            #expect(!raw.contains(stage.started.credentials.refreshToken) && !raw.lowercased().contains("hash"))
        }
    }

    @Test(arguments: TestBackend.available)
    func erasingEndsTheOpenChatAnonymisesItAndRefusesTheVisitorsTokens(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await Self.stage(world)
            try await world.expectNotice(after: {
                let erased = try await world.call(.delete, "/v1/visitors/\(stage.visitorID)", token: stage.admin)
                #expect(erased.status == .noContent)
            }, where: { notice in
                if case .access(.sessionRevoked) = notice { true } else { false }
            })
            let chat = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(stage.chat)", token: stage.agent)
            #expect(chat.state == "ended", "the agent sees the chat end")
            #expect(try await Self.texts(world, chat: stage.chat, token: stage.agent) == [ErasedVisitor.text, "Thanks Vera, noted", "VIP customer"])
            let tombstone = try await world.expect(.ok, Wire.Visitor.self, .get, "/v1/visitors/\(stage.visitorID)", token: stage.agent)
            #expect(tombstone.name == ErasedVisitor.name && tombstone.email.isEmpty && tombstone.userAgent == nil)
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/visitors/me", token: stage.visitor)
            try await world.expectError(.unauthorized, code: "invalid_refresh_token", .post, "/v1/auth/refresh",
                                        json: ["refreshToken": stage.started.credentials.refreshToken])
            try await world.expectError(.notFound, code: "visitor_not_found", .get, "/v1/visitors/\(stage.visitorID)/export", token: stage.admin)
            try await world.expectError(.notFound, code: "visitor_not_found", .delete, "/v1/visitors/\(stage.visitorID)", token: stage.admin)
        }
    }

    @Test(arguments: TestBackend.available)
    func agentsFollowingTheVisitorsSeeTheTombstoneReplaceTheVisitor(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await Self.stage(world)
            // Ended before, so that only the erasure itself can tell the followers.
            let closed = try await world.call(.post, "/v1/chats/\(stage.chat)/close", token: stage.visitor)
            #expect(closed.status == .ok)
            let before = try await VisitorMonitoringTests.poll(world, token: stage.agent, revision: "latest", timeout: 0)
            let revision = try #require(before.visitorRevision)
            let erased = try await world.call(.delete, "/v1/visitors/\(stage.visitorID)", token: stage.admin)
            #expect(erased.status == .noContent)
            let after = try await VisitorMonitoringTests.poll(world, token: stage.agent, revision: "\(revision)", timeout: 0)
            let tombstone = try #require(after.visitors?.first { $0.id == stage.visitorID })
            #expect(tombstone.name == ErasedVisitor.name && tombstone.email.isEmpty && tombstone.ipAddress == nil)
            #expect(tombstone.customVariables.isEmpty && tombstone.fields.isEmpty && tombstone.currentPage == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func erasingWithDeleteTakesTheChatsToo(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.privacy.erasedChats = .delete }) { world in
            let stage = try await Self.stage(world)
            let erased = try await world.call(.delete, "/v1/visitors/\(stage.visitorID)", token: stage.admin)
            #expect(erased.status == .noContent)
            try await world.expectError(.notFound, code: "chat_not_found", .get, "/v1/chats/\(stage.chat)", token: stage.admin)
            try await world.expectError(.notFound, code: "visitor_not_found", .get, "/v1/visitors/\(stage.visitorID)", token: stage.admin)
            try await world.expectError(.unauthorized, code: "unauthenticated", .get, "/v1/visitors/me", token: stage.visitor)
        }
    }

    @Test(arguments: TestBackend.available)
    func onlyAdminsExportOrEraseAndUnknownVisitorsAreNotFound(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let stage = try await Self.stage(world)
            let paths: [(HTTPRequest.Method, String)] = [
                (.get, "/v1/visitors/\(stage.visitorID)/export"), (.delete, "/v1/visitors/\(stage.visitorID)"),
            ]
            for (method, path) in paths {
                try await world.expectError(.forbidden, code: "forbidden", method, path, token: stage.agent)
                try await world.expectError(.forbidden, code: "forbidden", method, path, token: stage.visitor)
                try await world.expectError(.unauthorized, code: "unauthenticated", method, path)
            }
            try await world.expectError(.notFound, code: "visitor_not_found", .get, "/v1/visitors/0123456789ab/export", token: stage.admin)
            try await world.expectError(.notFound, code: "visitor_not_found", .delete, "/v1/visitors/0123456789ab", token: stage.admin)
            #expect(try await Self.texts(world, chat: stage.chat, token: stage.visitor).first == "My phone is +41 79 000 00 00",
                    "refusals erase nothing")
        }
    }

    @Test(arguments: TestBackend.available)
    func anExportBeyondItsBoundIsRefused(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.privacy.maxExportEvents = 3 }) { world in
            let stage = try await Self.stage(world)
            try await world.expectError(.contentTooLarge, code: "export_too_large", .get, "/v1/visitors/\(stage.visitorID)/export",
                                        token: stage.admin)
        }
    }

    @Test(arguments: TestBackend.available)
    func retentionErasesVisitorsGoneLongerThanItsPeriod(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.privacy.retention = .seconds(30 * 86_400) }) { world in
            let stage = try await Self.stage(world)
            let closed = try await world.call(.post, "/v1/chats/\(stage.chat)/close", token: stage.visitor)
            #expect(closed.status == .ok)
            world.clock.advance(by: .seconds(20 * 86_400))
            let tracked = try await world.expect(.created, JSONValue.self, .post, "/v1/visitors", json: ["url": "https://shop.example.com/"])
            let recent = try #require(tracked["visitor"]?["id"]?.string)
            #expect(try await world.services.privacy.eraseForgottenVisitors() == 0, "nobody is gone 30 days yet")
            world.clock.advance(by: .seconds(11 * 86_400))
            #expect(try await world.services.privacy.eraseForgottenVisitors() == 1)
            // A month on, the admin's first token has long expired.
            let admin = try await world.login(TestWorld.adminEmail).accessToken
            let erased = try await world.expect(.ok, Wire.Visitor.self, .get, "/v1/visitors/\(stage.visitorID)", token: admin)
            #expect(erased.name == ErasedVisitor.name)
            try await world.expectError(.notFound, code: "visitor_not_found", .get, "/v1/visitors/\(stage.visitorID)/export", token: admin)
            _ = try await world.expect(.ok, JSONValue.self, .get, "/v1/visitors/\(recent)/export", token: admin)
        }
    }
}
