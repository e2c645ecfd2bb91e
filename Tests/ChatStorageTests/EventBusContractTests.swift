import ChatCore
import ChatStorage
import Foundation
import Logging
import ParleyTestSupport
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Event bus across instances")
struct EventBusContractTests {
    static let chat = ChatAddress(chatID: ChatID("c1"), departmentID: DepartmentID(1), agentID: AgentID("a1"))

    /// What a listener heard, collected as it arrives.
    final class Heard: Sendable {
        private let signals = Mutex<[ListenerSignal]>([])

        func append(_ signal: ListenerSignal) { signals.withLock { $0.append(signal) } }

        /// The signals heard once there are `count` of them, or when `seconds` have passed.
        func await(_ count: Int, within seconds: Double) async -> [ListenerSignal] {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while signals.withLock({ $0.count }) < count, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            return signals.withLock { $0 }
        }
    }

    @Test(arguments: TestBackend.available.filter { $0 == .postgres })
    func noticesReachTheOtherInstancesListenersOnceAndIntact(_ backend: TestBackend) async throws {
        let database = try await ScratchDatabase.make(backend)
        var logger = Logger(label: "parley-test")
        logger.logLevel = .warning
        let first = try await SQLStorage.open(database.location, logger: logger)
        let second = try await SQLStorage.open(database.location, logger: logger)
        let busA = first.makeEventBus(logger: logger)
        let busB = second.makeEventBus(logger: logger)
        let running = [busA, busB].compactMap { $0 as? any Service }.map { service in Task { try await service.run() } }
        defer { running.forEach { $0.cancel() } }
        try await Task.sleep(for: .milliseconds(500))

        let heardOnA = Heard()
        let listener = busA.listen(to: .everything)
        let collecting = Task { for await signal in listener.signals { heardOnA.append(signal) } }
        defer { collecting.cancel() }
        let notices: [ChatNotice] = [
            .appended(Self.chat, upTo: EventCursor(42)),
            .typing(TypingNotice(chat: Self.chat, author: .visitor(VisitorID("v1")), isTyping: true,
                                 at: Date(timeIntervalSince1970: 1_700_000_000.123), expiresAt: Date(timeIntervalSince1970: 1_700_000_006.123))),
            .presence(PresenceNotice(agentID: AgentID("a1"), status: AgentStatus(.away, awayReason: "Lunch"), at: Date(timeIntervalSince1970: 1_700_000_000))),
        ]
        for notice in notices {
            await busB.publish(notice)
        }
        #expect(await heardOnA.await(3, within: 5) == notices.map { .notice($0) }, "B's notices reach A intact and in order")
        await busA.publish(notices[0])
        try await Task.sleep(for: .seconds(1))
        #expect(await heardOnA.await(5, within: 0) == (notices + [notices[0]]).map { .notice($0) }, "A hears its own notice once")

        running.forEach { $0.cancel() }
        await first.close()
        await second.close()
        try await database.remove()
    }
}
