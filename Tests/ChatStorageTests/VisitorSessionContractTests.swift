import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// A chat and its visitor's session are stored in one transaction: neither without the other.
@Suite("Visitor session storage contract")
struct VisitorSessionContractTests {
    static let now = ChatLogContractTests.now

    static func visitor(_ id: String) -> Visitor {
        Visitor(id: VisitorID(id), name: "Vi", email: "vi@example.com", profile: VisitorProfile(), createdAt: now)
    }

    static func opening(_ visitor: Visitor) -> [EventDraft] {
        [EventDraft(author: .system, body: .stateChanged(.queued)), EventDraft(author: .visitor(visitor.id), body: .message("Hi"))]
    }

    @Test(arguments: TestBackend.available)
    func aNewChatComesWithItsVisitorsSession(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let visitor = Self.visitor("v-1")
            let session = ChatLogContractTests.visitorSession(visitor.id, id: "s-1")
            _ = try await store.createChat(
                for: .new(visitor, session), chatID: ChatID("c-1"), departmentID: department.id,
                events: Self.opening(visitor), at: Self.now
            )
            #expect(try await store.session(SessionID("s-1")) == session.session)
            #expect(try await store.session(SessionID("s-1"))?.subject == .visitor(visitor.id))
            let rotated = try await store.rotateRefreshToken(
                hash: session.refreshToken.tokenHash, successor: "next", successorExpiresAt: Self.now.addingTimeInterval(3600),
                reuseGrace: .zero, at: Self.now
            )
            #expect(rotated == .rotated(session.session), "the first refresh token works")
        }
    }

    @Test(arguments: TestBackend.available)
    func aSessionThatCannotBeStoredLeavesNoChatBehind(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let first = Self.visitor("v-1")
            _ = try await store.createChat(
                for: .new(first, ChatLogContractTests.visitorSession(first.id, id: "taken")), chatID: ChatID("c-1"), departmentID: department.id,
                events: Self.opening(first), at: Self.now
            )
            // The session is the last thing written: its failure must undo the visitor, the chat and its events.
            let second = Self.visitor("v-2")
            await #expect(throws: (any Error).self) {
                try await store.createChat(
                    for: .new(second, ChatLogContractTests.visitorSession(second.id, id: "taken")), chatID: ChatID("c-2"), departmentID: department.id,
                    events: Self.opening(second), at: Self.now
                )
            }
            #expect(try await store.chat(ChatID("c-2")) == nil)
            #expect(try await store.visitor(second.id) == nil)
            #expect(try await store.chats(ChatQuery(states: [], limit: 10)).map(\.id) == [ChatID("c-1")])
            #expect(try await store.events(of: ChatID("c-2"), page: .after(nil, limit: 10)).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func aChatThatCannotBeStoredLeavesNoSessionBehind(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store async throws in
            let visitor = Self.visitor("v-1")
            await #expect(throws: ChatError.departmentNotFound(DepartmentID(77))) {
                try await store.createChat(
                    for: .new(visitor, ChatLogContractTests.visitorSession(visitor.id, id: "s-1")), chatID: ChatID("c-1"), departmentID: DepartmentID(77),
                    events: Self.opening(visitor), at: Self.now
                )
            }
            #expect(try await store.session(SessionID("s-1")) == nil)
        }
    }
}
