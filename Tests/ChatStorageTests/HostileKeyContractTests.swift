import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// Keys that callers send (ids in paths, an email at login, an away status's name) may hold
/// U+0000 or be absurdly long. PostgreSQL refuses U+0000 in text outright, where SQLite just
/// finds nothing: both backends must answer such a key as they answer an unknown one.
@Suite("Lookups by hostile keys")
struct HostileKeyContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let keys = ["a\u{0}b", "\u{0}", String(repeating: "k", count: 3000), String(repeating: "é", count: 2000)]

    @Test(arguments: TestBackend.available)
    func readsFindNothing(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store async throws in
            for key in Self.keys {
                #expect(try await store.chat(ChatID(key)) == nil)
                #expect(try await store.visitor(VisitorID(key)) == nil)
                #expect(try await store.events(of: ChatID(key), page: .after(nil, limit: 10)).isEmpty)
                #expect(try await store.agent(AgentID(key)) == nil)
                #expect(try await store.agentCredentials(email: key) == nil)
                #expect(try await store.agentSession(AgentSessionID(key)) == nil)
                #expect(try await store.takeCaptcha(id: key, at: Self.now) == nil)
                #expect(try await store.feedPosition(of: SessionID("s"), scope: "chat:" + key) == nil)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func writesNameNoRow(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store async throws in
            for key in Self.keys {
                await #expect(throws: ChatError.chatNotFound(ChatID(key))) {
                    try await store.updateChat(ChatID(key), replaying: nil, at: Self.now) { _ in ChatChange(events: []) }
                }
                await #expect(throws: ChatError.chatNotFound(ChatID(key))) {
                    try await store.acceptChat(ChatID(key), by: AgentID("a"), at: Self.now) { _, _ in ChatChange(events: []) }
                }
                await #expect(throws: ChatError.agentNotFound(AgentID(key))) {
                    try await store.updateAgent(AgentID(key), name: "Ann", isAdmin: nil, passwordHash: nil)
                }
                await #expect(throws: ChatError.agentNotFound(AgentID(key))) {
                    try await store.setAgentStatus(AgentID(key), to: .online)
                }
                await #expect(throws: ChatError.agentNotFound(AgentID(key))) {
                    try await store.setAgentCapacity(AgentID(key), maxChats: 2)
                }
                await #expect(throws: ChatError.agentNotFound(AgentID(key))) {
                    try await store.setDepartments([], of: AgentID(key))
                }
                #expect(try await store.endAgentSession(AgentSessionID(key), at: Self.now) == false)
                try await store.visitorSeen(VisitorID(key), at: Self.now, preChat: true)
                #expect(try await store.visitorRecord(VisitorID(key)) == nil)
                #expect(try await store.currentChat(of: VisitorID(key)) == nil)
                await #expect(throws: ChatError.visitorNotFound(VisitorID(key))) {
                    try await store.setCustomVariables([], of: VisitorID(key))
                }
                await #expect(throws: ChatError.visitorNotFound(VisitorID(key))) {
                    try await store.recordPageView(PageView(url: "https://x.test/", viewedAt: Self.now), of: VisitorID(key), newVisitAfter: .seconds(60))
                }
                try await store.removeAwayStatus(key)
            }
        }
    }
}
