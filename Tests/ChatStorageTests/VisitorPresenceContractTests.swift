import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Visitor presence storage contract", .timeLimit(.minutes(2)))
struct VisitorPresenceContractTests {
    static let now = ChatLogContractTests.now

    static func at(_ seconds: TimeInterval) -> Date { now.addingTimeInterval(seconds) }

    @Test(arguments: TestBackend.available)
    func aChatIsGoneOnlyWhenItsVisitorWasNeitherSeenNorHeardSince(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (silent, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let (reading, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let (writing, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let (ended, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)

            #expect(try await store.chatsWithVisitorsGone(since: Self.now).isEmpty, "a chat started then counts as a sign of life")
            try await store.visitorSeen(reading.visitorID, at: Self.at(10), preChat: nil)
            #expect(try await store.visitorRecord(reading.visitorID)?.activity.lastSeenAt == Self.at(10))
            _ = try await store.updateChat(writing.id, replaying: nil, at: Self.at(20), ChatLogContractTests.message("Still here", from: .visitor(writing.visitorID)))
            _ = try await store.updateChat(writing.id, replaying: nil, at: Self.at(40), ChatLogContractTests.message("Agent line", from: .system))
            _ = try await store.updateChat(ended.id, replaying: nil, at: Self.at(1)) { _ in
                ChatChange(state: .ended, events: [EventDraft(author: .system, body: .stateChanged(.ended))])
            }

            #expect(Set(try await store.chatsWithVisitorsGone(since: Self.at(5)).map(\.id)) == [silent.id])
            #expect(Set(try await store.chatsWithVisitorsGone(since: Self.at(15)).map(\.id)) == [silent.id, reading.id])
            #expect(Set(try await store.chatsWithVisitorsGone(since: Self.at(25)).map(\.id)) == [silent.id, reading.id, writing.id],
                    "only the visitor's own lines count, not the agent's")
        }
    }
}
