import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// A visitor's own writes (page views, heartbeats) racing the writes of its chat (state and
/// agent changes) and the departure sweep: all succeed, none waits on another for ever, and
/// each raises the visitor's revision once.
@Suite("Racing visitor and chat writers", .timeLimit(.minutes(2)))
struct VisitorRaceContractTests {
    static let now = ChatLogContractTests.now

    @Test(arguments: TestBackend.available)
    func aVisitorsWritesRaceItsChatsWritesWithoutDeadlock(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (department, agents, _) = try await RoutingContractTests.queue(in: store, agents: ["ann"], chats: 0)
            let (chat, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let (other, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let agent = agents[0]
            let before = try await store.latestVisitorRevision()
            let rounds = 12
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<rounds {
                    group.addTask {
                        let view = PageView(url: "https://shop.example/\(round)", viewedAt: Self.now.addingTimeInterval(Double(round)))
                        try await store.recordPageView(view, of: chat.visitorID, newVisitAfter: .seconds(1800))
                    }
                    group.addTask {
                        // Alternately takes the chat and hands it back: each changes what its visitor is doing.
                        _ = try await store.updateChat(chat.id, replaying: nil, at: Self.now) { current in
                            let taking = current.agentID == nil
                            return ChatChange(
                                state: taking ? .active : .queued, agentID: .some(taking ? agent : nil),
                                events: [EventDraft(author: .system, body: .stateChanged(taking ? .active : .queued))]
                            )
                        }
                    }
                    group.addTask {
                        try await store.visitorSeen(chat.visitorID, at: Self.now.addingTimeInterval(Double(round)), preChat: round % 2 == 0)
                        _ = try await store.markDepartures(silentSince: Self.now.addingTimeInterval(3600), at: Self.now, limit: 10)
                        try await store.recordPageView(
                            PageView(url: "https://shop.example/other", viewedAt: Self.now), of: other.visitorID, newVisitAfter: .seconds(1800)
                        )
                    }
                }
                try await group.waitForAll()
            }
            let record = try #require(try await store.visitorRecord(chat.visitorID))
            #expect(record.activity.pageViews == rounds)
            #expect(try await store.latestVisitorRevision() > before + Int64(2 * rounds), "every page view and state change raised a revision")
        }
    }
}
