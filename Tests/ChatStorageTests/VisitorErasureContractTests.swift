import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import SQLKit
import Testing

/// Erasing a visitor leaves nothing that identifies it, in one transaction, whichever way its
/// chats go; the tables themselves are queried to prove it.
@Suite("Visitor erasure storage contract", .timeLimit(.minutes(2)))
struct VisitorErasureContractTests {
    static let now = ChatLogContractTests.now
    static let agent = AgentID("agent-1")

    /// A visitor who told everything it could, viewed pages, was invited, chatted (an ended
    /// chat, with lines from both sides) and holds a session with a feed position.
    static func identifiedVisitor(in store: SQLStorage, id: String = "v-erase") async throws -> (VisitorID, ChatID) {
        let department = try await store.createDepartment(name: "Sales \(id)", at: now)
        if try await store.agent(agent) == nil {
            try await store.createAgent(
                Agent(id: agent, email: "a@example.com", name: "A", isAdmin: false, departmentIDs: [], createdAt: now), passwordHash: "x"
            )
        }
        let visitor = Visitor(
            id: VisitorID(id), name: "Vera Secret", email: "vera.secret@example.com",
            profile: VisitorProfile(userAgent: "SecretBrowser/1.0", ipAddress: "203.0.113.77", language: "de-CH",
                                    sourceURL: "https://shop.example.com/secret", screenResolution: "1680x1050", timeZone: "Europe/Zurich"),
            customVariables: [CustomVariable(name: "plan", value: "secret-plan")],
            formFields: [CustomVariable(name: "phone", value: "+41 79 000 00 00")], createdAt: now
        )
        let session = ChatLogContractTests.visitorSession(visitor.id, id: "s-\(id)")
        let chat = ChatID("c-\(id)")
        _ = try await store.createChat(
            for: .new(visitor, session), chatID: chat, departmentID: department.id,
            events: [EventDraft(author: .system, body: .stateChanged(.queued)),
                     EventDraft(author: .visitor(visitor.id), body: .message("My card is secret-4242"), clientMessageID: "m-1")],
            at: now
        )
        try await store.recordPageView(PageView(url: "https://shop.example.com/secret-page", title: "Secret", viewedAt: now.addingTimeInterval(5)),
                                       of: visitor.id, newVisitAfter: .seconds(1800))
        try await store.setInvitation(Invitation(kind: .manual, answer: .accepted, at: now, by: agent), of: visitor.id)
        try await store.setFeedPosition(EventCursor(1), of: session.session.id, scope: "all")
        // The visitor's edit of its line carries its words too.
        _ = try await store.updateChat(chat, replaying: nil, at: now) { _ in
            ChatChange(events: [EventDraft(author: .visitor(visitor.id), body: .messageEdited(of: 1, text: "My card is secret-4343"))])
        }
        _ = try await store.updateChat(chat, replaying: nil, at: now, ChatLogContractTests.message("Thanks, noted", from: .agent(agent)))
        _ = try await store.updateChat(chat, replaying: nil, at: now) { _ in
            ChatChange(state: .ended, events: [EventDraft(author: .agent(agent), body: .stateChanged(.ended))])
        }
        return (visitor.id, chat)
    }

    /// Rows anywhere that still hold something the visitor told or its browser sent.
    static func identifyingRows(in store: SQLStorage) async throws -> Int {
        var found = try await store.count("""
            SELECT COUNT(*) AS n FROM visitors WHERE name LIKE '%Secret%' OR email LIKE '%secret%' OR user_agent IS NOT NULL
               OR ip_address IS NOT NULL OR language IS NOT NULL OR source_url IS NOT NULL OR screen_resolution IS NOT NULL
               OR time_zone IS NOT NULL OR custom_variables <> '[]' OR form_fields <> '[]' OR invitation IS NOT NULL
               OR invited_by IS NOT NULL OR last_seen_at IS NOT NULL
            """)
        found += try await store.count("SELECT COUNT(*) AS n FROM chat_events WHERE text LIKE '%secret%' OR client_message_id IS NOT NULL")
        for table in ["visits", "page_views", "sessions", "refresh_tokens", "feed_positions"] {
            found += try await store.count("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)")
        }
        return found
    }

    @Test(arguments: TestBackend.available)
    func anonymisingKeepsTheChatsAndATombstoneAndNothingIdentifying(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (visitor, chat) = try await Self.identifiedVisitor(in: store)
            #expect(try await Self.identifyingRows(in: store) > 0, "the set-up stores what erasure must remove")
            let sessions = try await store.eraseVisitor(visitor, chats: .anonymise, at: Self.now.addingTimeInterval(60))
            #expect(sessions == [SessionID("s-v-erase")])
            #expect(try await Self.identifyingRows(in: store) == 0)
            let tombstone = try #require(try await store.visitor(visitor))
            #expect(tombstone.name == ErasedVisitor.name && tombstone.email.isEmpty && tombstone.profile == VisitorProfile())
            let lines = try await store.events(of: chat, page: .after(nil, limit: 10)).compactMap { event -> String? in
                guard case .message(let text) = event.body else { return nil }
                return text
            }
            #expect(lines == [ErasedVisitor.text, "Thanks, noted"], "the agent's line stays, the visitor's goes")
            #expect(try await store.chat(chat)?.state == .ended)
            #expect(try await store.session(SessionID("s-v-erase")) == nil)
            #expect(try await store.visitorExport(visitor, maxEvents: 100) == nil, "an erased visitor has nothing left to export")
            await #expect(throws: ChatError.visitorNotFound(visitor), "erasing twice finds nobody") {
                try await store.eraseVisitor(visitor, chats: .anonymise, at: Self.now)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func deletingTakesTheChatsAndTheVisitorToo(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (visitor, chat) = try await Self.identifiedVisitor(in: store)
            let (other, otherChat) = try await Self.identifiedVisitor(in: store, id: "v-other")
            _ = try await store.eraseVisitor(visitor, chats: .delete, at: Self.now)
            #expect(try await store.visitor(visitor) == nil)
            #expect(try await store.chat(chat) == nil)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM chat_events WHERE chat_id = \(bind: chat.rawValue)") == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM visits WHERE visitor_id = \(bind: visitor.rawValue)") == 0)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM sessions WHERE visitor_id = \(bind: visitor.rawValue)") == 0)
            #expect(try await store.visitor(other) != nil, "another visitor is untouched")
            #expect(try await store.events(of: otherChat, page: .after(nil, limit: 10)).count == 5)
            await #expect(throws: ChatError.visitorNotFound(visitor)) {
                try await store.eraseVisitor(visitor, chats: .delete, at: Self.now)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aVisitorWhoNeverChattedLeavesNoTombstone(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let tracked = try await VisitorRetentionContractTests.track("tracked", at: Self.now, in: store)
            let sessions = try await store.eraseVisitor(tracked, chats: .anonymise, at: Self.now)
            #expect(sessions.count == 1)
            #expect(try await store.visitor(tracked) == nil, "nothing points to it, so nothing of it is kept")
            #expect(try await Self.identifyingRows(in: store) == 0)
            await #expect(throws: ChatError.visitorNotFound(tracked)) {
                try await store.eraseVisitor(tracked, chats: .anonymise, at: Self.now)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aVisitorWithAnOpenChatIsNotErasedAndNothingChanges(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, _) = try await ChatLogContractTests.startChat(in: store, department: department.id, text: "still here")
            await #expect(throws: ChatError.chatAlreadyOpen(chat.id)) {
                try await store.eraseVisitor(chat.visitorID, chats: .delete, at: Self.now)
            }
            #expect(try await store.visitor(chat.visitorID)?.name == "Vi")
            #expect(try await store.count("SELECT COUNT(*) AS n FROM sessions WHERE visitor_id = \(bind: chat.visitorID.rawValue)") == 1)
            await #expect(throws: ChatError.visitorNotFound(VisitorID("nobody"))) {
                try await store.eraseVisitor(VisitorID("nobody"), chats: .anonymise, at: Self.now)
            }
        }
    }
}
