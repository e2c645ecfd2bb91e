import ChatCore
import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Visitor and agent chat flow", .timeLimit(.minutes(3)))
struct ChatFlowTests {
    @Test(arguments: TestBackend.available)
    func visitorAndAgentTalkUntilTheChatEnds(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)

            let started = try await world.startChat(department: sales.id)
            #expect(started.chat.state == "queued")
            #expect(started.events.map(\.type) == ["state", "message"])
            #expect(started.events[1].text == "Hello, I need help")
            let visitor = started.credentials.accessToken
            let chat = started.chat.id

            let queued = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats?state=queued", token: agent)
            #expect(queued.items.map(\.id) == [chat])

            let joined = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: agent)
            #expect(joined.state == "active" && joined.agentId != nil)

            _ = try await world.send("Hi Vera, how can I help?", to: chat, token: agent)
            _ = try await world.send("My order is late", to: chat, token: visitor)

            let detail = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(chat)", token: visitor)
            #expect(detail.visitor?.name == "Vera Visitor")

            let history = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events?after=-1&limit=50", token: visitor)
            #expect(history.items.map(\.type) == ["state", "message", "state", "joined", "message", "message"])
            #expect(history.items.map(\.id) == Array(0..<6))
            #expect(history.items.compactMap(\.text) == ["Hello, I need help", "Hi Vera, how can I help?", "My order is late"])
            #expect(!history.hasMore)

            let closed = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/close", token: visitor)
            #expect(closed.state == "ended")
            try await world.expectError(.conflict, code: "chat_ended", .post, "/v1/chats/\(chat)/messages",
                                        token: agent, json: Wire.Message(text: "Still there?", clientMessageId: nil))
            try await world.expectError(.conflict, code: "chat_ended", .post, "/v1/chats/\(chat)/close", token: agent)
            let ended = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats?state=ended", token: agent)
            #expect(ended.items.map(\.id) == [chat])
        }
    }

    @Test(arguments: TestBackend.available)
    func aChatWhoseVisitorLeftIsEndedWithALineSayingSo(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let timeout = world.config.limits.visitorInactivityTimeout
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let gone = try await world.startChat(department: sales.id)
            let present = try await world.startChat(department: sales.id)
            world.clock.advance(by: timeout * 0.6)
            _ = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?cursor=latest&timeout=0", token: present.credentials.accessToken)
            world.clock.advance(by: timeout * 0.6)
            // What the sweeper runs on its tick.
            try await world.services.chats.endAbandonedChats()

            let ended = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(gone.chat.id)", token: admin)
            #expect(ended.state == "ended")
            let history = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(gone.chat.id)/events", token: admin)
            #expect(history.items.suffix(2).map(\.type) == ["notice", "state"])
            #expect(history.items.suffix(2).first?.notice == "visitor_left")
            #expect(history.items.suffix(2).first?.author.type == "system")
            let stillThere = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(present.chat.id)", token: admin)
            #expect(stillThere.state == "queued", "a visitor who keeps reading is not gone")

            world.clock.advance(by: timeout * 0.6)
            try await world.services.chats.endAbandonedChats()
            let later = try await world.login(TestWorld.adminEmail).accessToken
            let leftLater = try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(present.chat.id)", token: later)
            #expect(leftLater.state == "ended", "once it stops reading, it is gone too")
        }
    }

    @Test(arguments: TestBackend.available)
    func theSweeperEndsAbandonedChatsOnItsOwn(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.routingSweepInterval = .milliseconds(20) }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let gone = try await world.startChat(department: sales.id)
            try await world.expectNotice(after: { world.clock.advance(by: world.config.limits.visitorInactivityTimeout + .seconds(1)) }) { notice in
                guard case .appended(let chat, _) = notice, chat.chatID.rawValue == gone.chat.id else { return false }
                return try await world.expect(.ok, Wire.Chat.self, .get, "/v1/chats/\(gone.chat.id)", token: admin).state == "ended"
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func agentsLeaveNotesThatVisitorsNeverSee(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let agent = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let started = try await world.startChat(department: sales.id)
            let chat = started.chat.id
            let note = try await world.expect(.created, Wire.Event.self, .post, "/v1/chats/\(chat)/notes", token: agent,
                                              json: ["text": "VIP customer, be generous"])
            #expect(note.type == "note" && note.text == "VIP customer, be generous")
            try await world.expectError(.forbidden, code: "forbidden", .post, "/v1/chats/\(chat)/notes",
                                        token: started.credentials.accessToken, json: ["text": "I am not an agent"])
            try await world.expectError(.unprocessableContent, code: "invalid_field", .post, "/v1/chats/\(chat)/notes", token: agent, json: ["text": " "])
            let agentView = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events", token: agent)
            #expect(agentView.items.contains { $0.type == "note" })
            let visitorView = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(chat)/events", token: started.credentials.accessToken)
            #expect(!visitorView.items.contains { $0.type == "note" })
        }
    }

    @Test(arguments: TestBackend.available)
    func aRetriedMessageIsStoredOnce(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let token = started.credentials.accessToken
            let body = Wire.Message(text: "Are you there?", clientMessageId: "client-42")

            let first = try await world.expect(.created, Wire.Event.self, .post, "/v1/chats/\(started.chat.id)/messages", token: token, json: body)
            let retry = try await world.expect(.ok, Wire.Event.self, .post, "/v1/chats/\(started.chat.id)/messages", token: token, json: body)
            #expect(retry == first)
            let history = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events", token: token)
            #expect(history.items.filter { $0.clientMessageId == "client-42" }.count == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func historyPagesBackwardsFromTheNewest(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let token = started.credentials.accessToken
            for index in 1...5 {
                _ = try await world.send("message \(index)", to: started.chat.id, token: token)
            }
            let newest = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events?limit=3", token: token)
            #expect(newest.items.map(\.id) == [4, 5, 6])
            #expect(newest.hasMore)
            let older = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events?before=4&limit=3", token: token)
            #expect(older.items.map(\.id) == [1, 2, 3])
            let oldest = try await world.expect(.ok, Wire.Page.self, .get, "/v1/chats/\(started.chat.id)/events?before=1&limit=3", token: token)
            #expect(oldest.items.map(\.id) == [0])
            #expect(!oldest.hasMore)
        }
    }

    @Test(arguments: TestBackend.available)
    func adminsManageDepartmentsAndAgents(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let support = try await world.createDepartment("Support", admin: admin)
            let renamed = try await world.expect(.ok, Wire.Department.self, .patch, "/v1/departments/\(sales.id)", token: admin, json: ["name": "Pre-sales"])
            #expect(renamed.name == "Pre-sales")
            let listed = try await world.expect(.ok, Wire.List<Wire.Department>.self, .get, "/v1/departments")
            #expect(listed.items.map(\.name) == ["Pre-sales", "Support"])

            let body = Wire.NewAgent(email: "Kim@Example.com", name: "Kim", password: TestWorld.password, isAdmin: false, departmentIds: [sales.id])
            let kim = try await world.expect(.created, Wire.Agent.self, .post, "/v1/agents", token: admin, json: body)
            #expect(kim.email == "kim@example.com")
            let moved = try await world.expect(.ok, Wire.Agent.self, .put, "/v1/agents/\(kim.id)/departments", token: admin,
                                               json: ["departmentIds": [support.id, sales.id]])
            #expect(moved.departmentIds == [sales.id, support.id])
            let agents = try await world.expect(.ok, Wire.List<Wire.Agent>.self, .get, "/v1/agents", token: admin)
            #expect(agents.items.map(\.email) == [TestWorld.adminEmail, "kim@example.com"])
            try await world.expectError(.conflict, code: "email_taken", .post, "/v1/agents", token: admin, json: body)
            try await world.expectError(.notFound, code: "department_not_found", .put, "/v1/agents/\(kim.id)/departments",
                                        token: admin, json: ["departmentIds": [999]])
            try await world.expectError(.notFound, code: "agent_not_found", .patch, "/v1/agents/nobody", token: admin, json: ["name": "X"])
            _ = try await world.login("kim@example.com")
        }
    }
}
