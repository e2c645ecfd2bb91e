import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// Which visitors retention forgets, and what an export hands over.
@Suite("Visitor retention and export storage contract", .timeLimit(.minutes(2)))
struct VisitorRetentionContractTests {
    static let now = ChatLogContractTests.now
    static let day: TimeInterval = 86_400

    static func track(_ id: String, at date: Date, in store: SQLStorage) async throws -> VisitorID {
        let visitor = Visitor(id: VisitorID(id), name: "", email: "", profile: VisitorProfile(), createdAt: date)
        try await store.createVisitor(visitor, landing: PageView(url: "https://example.com/\(id)", viewedAt: date),
                                      session: ChatLogContractTests.visitorSession(visitor.id))
        return visitor.id
    }

    @Test(arguments: TestBackend.available)
    func retentionFindsOnlyVisitorsGoneLongWithNoOpenChatNotErasedYet(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let longest = try await Self.track("gone-longest", at: Self.now.addingTimeInterval(-500 * Self.day), in: store)
            let gone = try await Self.track("gone", at: Self.now.addingTimeInterval(-400 * Self.day), in: store)
            let back = try await Self.track("back", at: Self.now.addingTimeInterval(-400 * Self.day), in: store)
            try await store.visitorSeen(back, at: Self.now.addingTimeInterval(-Self.day), preChat: nil)
            let erased = try await Self.track("erased", at: Self.now.addingTimeInterval(-400 * Self.day), in: store)
            _ = try await store.eraseVisitor(erased, chats: .anonymise, at: Self.now)
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let chatting = try await Self.track("chatting", at: Self.now.addingTimeInterval(-400 * Self.day), in: store)
            _ = try await store.createChat(
                for: .known(chatting, VisitorUpdate()), chatID: ChatID("open"), departmentID: department.id,
                events: [EventDraft(author: .system, body: .stateChanged(.queued))], at: Self.now.addingTimeInterval(-400 * Self.day)
            )
            let cutoff = Self.now.addingTimeInterval(-365 * Self.day)
            #expect(try await store.visitorsUnseen(since: cutoff, limit: 10) == [longest, gone])
            #expect(try await store.visitorsUnseen(since: cutoff, limit: 1) == [longest], "the longest gone first, within the batch")
        }
    }

    @Test(arguments: TestBackend.available)
    func anExportHoldsTheVisitorItsVisitsPagesChatsAndSessions(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (visitor, chat) = try await VisitorErasureContractTests.identifiedVisitor(in: store)
            let export = try #require(try await store.visitorExport(visitor, maxEvents: 100))
            #expect(export.record.visitor.email == "vera.secret@example.com")
            #expect(export.record.visitor.formFields == [CustomVariable(name: "phone", value: "+41 79 000 00 00")])
            #expect(export.record.activity.invitation?.by == VisitorErasureContractTests.agent)
            #expect(export.visits.map(\.number) == [1])
            #expect(export.pageViews.map(\.view.url) == ["https://shop.example.com/secret", "https://shop.example.com/secret-page"])
            #expect(export.chats.map(\.chat.id) == [chat])
            #expect(export.chats.first?.events.map(\.id) == [0, 1, 2, 3, 4])
            #expect(export.sessions.map(\.id) == [SessionID("s-v-erase")])
            await #expect(throws: ChatError.exportTooLarge(limit: 3)) {
                try await store.visitorExport(visitor, maxEvents: 3)
            }
            #expect(try await store.visitorExport(VisitorID("nobody"), maxEvents: 100) == nil)
        }
    }
}
