import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Chat event log storage contract", .timeLimit(.minutes(2)))
struct ChatLogContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func startChat(in store: SQLStorage, department: DepartmentID, text: String = "Hello") async throws -> (Chat, [ChatEvent]) {
        let visitor = Visitor(id: VisitorID(UUID().uuidString), name: "Vi", email: "vi@example.com",
                              profile: VisitorProfile(userAgent: "UA", ipAddress: "203.0.113.9"), createdAt: now)
        let chatID = ChatID(UUID().uuidString)
        return try await store.createChat(
            for: .new(visitor, visitorSession(visitor.id)), chatID: chatID, departmentID: department,
            events: [EventDraft(author: .system, body: .stateChanged(.queued)),
                     EventDraft(author: .visitor(visitor.id), body: .message(text))],
            at: now
        )
    }

    /// A visitor's session with one refresh token, as a chat is created with it.
    static func visitorSession(_ visitor: VisitorID, id: String = UUID().uuidString) -> NewSession {
        NewSession(
            session: Session(id: SessionID(id), subject: .visitor(visitor), createdAt: now),
            refreshToken: RefreshTokenRecord(tokenHash: "hash-\(id)", session: SessionID(id), expiresAt: now.addingTimeInterval(3600))
        )
    }

    static func message(_ text: String, from author: EventAuthor, id: String? = nil) -> @Sendable (Chat) throws -> ChatChange {
        { _ in ChatChange(events: [EventDraft(author: author, body: .message(text), clientMessageID: id)]) }
    }

    @Test(arguments: TestBackend.available)
    func createdChatStartsItsLogAtZero(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, events) = try await Self.startChat(in: store, department: department.id)
            #expect(chat.state == .queued && chat.agentID == nil && chat.nextEventID == 2)
            #expect(events.map(\.id) == [0, 1])
            #expect(events[1].body == .message("Hello"))
            #expect(try await store.chat(chat.id) == chat)
            #expect(try await store.visitor(chat.visitorID)?.profile.ipAddress == "203.0.113.9")
            let (second, _) = try await Self.startChat(in: store, department: department.id)
            #expect(second.number == chat.number + 1)
            await #expect(throws: ChatError.departmentNotFound(DepartmentID(77))) {
                try await Self.startChat(in: store, department: DepartmentID(77))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func updatesAppendInOrderAndRefusalsStoreNothing(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, opening) = try await Self.startChat(in: store, department: department.id)
            let agent = AgentID("agent-1")
            try await store.createAgent(Agent(id: agent, email: "a@example.com", name: "A", isAdmin: false, departmentIDs: [], createdAt: Self.now), passwordHash: "x")
            let joined = try await store.updateChat(chat.id, replaying: nil, at: Self.now) { _ in
                ChatChange(state: .active, agentID: agent, events: [EventDraft(author: .agent(agent), body: .joined),
                                                                     EventDraft(author: .system, body: .stateChanged(.active))])
            }
            guard case .applied(let active, let events) = joined else { Issue.record("expected applied"); return }
            #expect(active.state == .active && active.agentID == agent && active.nextEventID == 4)
            #expect(events.map(\.id) == [2, 3])
            #expect(events[0].cursor > opening[1].cursor && events[1].cursor.rawValue == events[0].cursor.rawValue + 1)

            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await store.updateChat(chat.id, replaying: nil, at: Self.now) { _ in throw Refused() }
            }
            #expect(try await store.chat(chat.id) == active, "a refused change leaves the chat as it was")
            await #expect(throws: ChatError.chatNotFound(ChatID("missing"))) {
                try await store.updateChat(ChatID("missing"), replaying: nil, at: Self.now, Self.message("x", from: .system))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aClientMessageIDIsStoredOnce(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, _) = try await Self.startChat(in: store, department: department.id)
            let author = EventAuthor.visitor(chat.visitorID)
            let key = ClientMessageKey(author: author, clientMessageID: "m-1")
            let first = try await store.updateChat(chat.id, replaying: key, at: Self.now, Self.message("Hi", from: author, id: "m-1"))
            let retry = try await store.updateChat(chat.id, replaying: key, at: Self.now, Self.message("Hi", from: author, id: "m-1"))
            guard case .applied(_, let stored) = first, case .replayed(_, let replayed) = retry else {
                Issue.record("expected applied then replayed"); return
            }
            #expect(replayed == stored[0])
            #expect(try await store.events(of: chat.id, page: .after(nil, limit: 100)).count == 3)
        }
    }

    @Test(arguments: TestBackend.available)
    func historyPagesForwardsAndBackwards(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, _) = try await Self.startChat(in: store, department: department.id)
            for index in 0..<8 {
                _ = try await store.updateChat(chat.id, replaying: nil, at: Self.now, Self.message("m\(index)", from: .visitor(chat.visitorID)))
            }
            #expect(try await store.events(of: chat.id, page: .after(nil, limit: 3)).map(\.id) == [0, 1, 2])
            #expect(try await store.events(of: chat.id, page: .after(2, limit: 3)).map(\.id) == [3, 4, 5])
            #expect(try await store.events(of: chat.id, page: .before(nil, limit: 3)).map(\.id) == [7, 8, 9])
            #expect(try await store.events(of: chat.id, page: .before(7, limit: 3)).map(\.id) == [4, 5, 6])
            #expect(try await store.events(of: chat.id, page: .before(1, limit: 3)).map(\.id) == [0])
        }
    }

    @Test(arguments: TestBackend.available)
    func feedsFollowTheCursorWithinTheirScope(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let sales = try await store.createDepartment(name: "Sales", at: Self.now)
            let support = try await store.createDepartment(name: "Support", at: Self.now)
            let (salesChat, salesEvents) = try await Self.startChat(in: store, department: sales.id)
            let (supportChat, _) = try await Self.startChat(in: store, department: support.id)

            let everything = try await store.events(after: .start, in: .everything, limit: 100)
            #expect(everything.count == 4)
            #expect(everything.map(\.cursor) == everything.map(\.cursor).sorted())
            #expect(try await store.latestCursor() == everything.last?.cursor)

            let salesOnly = try await store.events(after: .start, in: .agent(AgentID("x"), departments: [sales.id]), limit: 100)
            #expect(Set(salesOnly.map(\.chatID)) == [salesChat.id])
            let visitorView = try await store.events(after: salesEvents[0].cursor, in: .chat(supportChat.id), limit: 100)
            #expect(visitorView.map(\.chatID) == [supportChat.id, supportChat.id])
            let nothing = try await store.events(after: .start, in: .agent(AgentID("x"), departments: []), limit: 100)
            #expect(nothing.isEmpty)
            let limited = try await store.events(after: .start, in: .everything, limit: 3)
            #expect(limited.count == 3)
            let rest = try await store.events(after: limited[2].cursor, in: .everything, limit: 3)
            #expect(rest.map(\.cursor) == [everything[3].cursor])
        }
    }

    @Test(arguments: TestBackend.available)
    func concurrentWritersGetGaplessOrderedIDs(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, _) = try await Self.startChat(in: store, department: department.id)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        _ = try await store.updateChat(chat.id, replaying: nil, at: Self.now, Self.message("m\(index)", from: .system))
                    }
                }
                try await group.waitForAll()
            }
            let events = try await store.events(of: chat.id, page: .after(nil, limit: 500))
            #expect(events.map(\.id) == Array(0..<42))
            #expect(events.map(\.cursor) == events.map(\.cursor).sorted())
            #expect(Set(events.map(\.cursor)).count == 42)
            #expect(try await store.chat(chat.id)?.nextEventID == 42)
        }
    }
}
