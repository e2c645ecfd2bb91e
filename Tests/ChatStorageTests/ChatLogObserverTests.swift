import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Chat log observers", .timeLimit(.minutes(2)))
struct ChatLogObserverTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: TestBackend.available)
    func anObserverSeesEveryCommittedBatchOnceAndNothingForAReplay(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let observer = RecordingChatObserver()
            let log = ChatLog(store: store, bus: LocalEventBus(), observers: [observer])
            let routing = RoutingService(store: store, log: log, bus: LocalEventBus(), settings: RoutingSettings(), now: { Self.now })
            let (department, agents, _) = try await RoutingContractTests.queue(in: store, agents: ["ann"], chats: 0)
            let visitor = Visitor(id: VisitorID("v1"), name: "Vi", email: "vi@example.com", profile: VisitorProfile(), createdAt: Self.now)

            let (chat, started) = try await log.create(
                for: .new(visitor, ChatLogContractTests.visitorSession(visitor.id)), chatID: ChatID("c1"), departmentID: department.id,
                events: ChatTransitions.start(by: visitor.id, message: "Hello"), at: Self.now
            )
            try await routing.route(department.id)
            let (_, joined) = try await log.accept(chat.id, by: agents[0], at: Self.now) { chat, _ in
                ChatChange(state: .active, agentID: agents[0], offer: .some(nil), events: [EventDraft(author: .agent(agents[0]), body: .joined)])
            }
            let key = ClientMessageKey(author: .visitor(visitor.id), clientMessageID: "m-1")
            let send: @Sendable (Chat) throws -> ChatChange = { chat in
                try ChatTransitions.send("Hi", clientMessageID: "m-1", in: chat, by: .visitor(visitor.id), maxEvents: 100)
            }
            guard case .applied(_, let sent) = try await log.update(chat.id, replaying: key, at: Self.now, send) else {
                Issue.record("the first send was not applied")
                return
            }
            let replay = try await log.update(chat.id, replaying: key, at: Self.now, send)
            #expect(replay == .replayed(replay.chat, sent[0]))
            _ = try await log.update(chat.id, at: Self.now) { _ in ChatChange(events: []) }

            let stored = try await store.events(of: chat.id, page: .after(nil, limit: 100))
            let offered = Array(stored[started.count..<started.count + 1])
            #expect(offered.map(\.body) == [.offered(agents[0])], "routing commits through the log")
            #expect(observer.seen == [started, offered, joined, sent], "each batch once, in order; nothing for a replay or an empty change")
            #expect(observer.seen.flatMap { $0 } == stored, "every committed event")
        }
    }
}
