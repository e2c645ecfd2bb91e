import ChatCore
import ChatStorage
import Foundation
import Logging
import ParleyTestSupport
import ServiceLifecycle
import Testing

@Suite("Event bus across instances", .timeLimit(.minutes(2)))
struct EventBusContractTests {
    static let chat = ChatAddress(chatID: ChatID("c1"), departmentID: DepartmentID(1), agentID: AgentID("a1"), offeredTo: AgentID("a2"), visitorID: VisitorID("v1"))

    /// Everything the listener has heard so far, probes left out: reads until a wake-up
    /// scheduled now, which queues behind every notice already delivered.
    static func drain(_ signals: inout AsyncStream<ListenerSignal>.Iterator, _ listener: EventListener) async -> [ChatNotice] {
        _ = listener.wake(after: .zero)
        var heard: [ChatNotice] = []
        while case .notice(let notice) = await signals.next() {
            if case .appended(let address, _) = notice, address.chatID.rawValue.hasPrefix("probe-") { continue }
            heard.append(notice)
        }
        return heard
    }

    /// Runs `body` with the running buses of two instances on one scratch database.
    static func withTwoInstances(
        _ backend: TestBackend, _ body: @escaping @Sendable (_ busA: any EventBus, _ busB: any EventBus) async throws -> Void
    ) async throws {
        try await withScratchDatabase(backend) { database in
            let first = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            let second = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            let busA = first.makeEventBus(logger: .quiet)
            let busB = second.makeEventBus(logger: .quiet)
            let running = [busA, busB].compactMap { $0 as? any Service }.map { service in Task { try await service.run() } }
            do {
                try await body(busA, busB)
            } catch {
                Issue.record(error)
            }
            running.forEach { $0.cancel() }
            await first.close()
            await second.close()
        }
    }

    @Test(arguments: TestBackend.sharedDatabase)
    func noticesReachTheOtherInstancesListenersOnceAndIntact(_ backend: TestBackend) async throws {
        try await Self.withTwoInstances(backend) { busA, busB in
            try await Self.exchange(between: busA, and: busB)
        }
    }

    @Test(arguments: TestBackend.sharedDatabase)
    func busesCarryNoticesAgainAfterTheirConnectionsDrop(_ backend: TestBackend) async throws {
        try await withStorage(backend) { admin, database in
            let first = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            let second = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            let busA = first.makeEventBus(logger: .quiet)
            let busB = second.makeEventBus(logger: .quiet)
            let running = [busA, busB].compactMap { $0 as? any Service }.map { service in Task { try await service.run() } }
            do {
                try await awaitCrossing(from: busB, to: busA)
                try await awaitCrossing(from: busA, to: busB)
                try await admin.dropOtherConnections()
                try await awaitCrossing(from: busB, to: busA)
                try await awaitCrossing(from: busA, to: busB)
            } catch {
                Issue.record(error)
            }
            running.forEach { $0.cancel() }
            await first.close()
            await second.close()
        }
    }

    static func exchange(between busA: any EventBus, and busB: any EventBus) async throws {
        try await awaitCrossing(from: busB, to: busA)
        try await awaitCrossing(from: busA, to: busB)

        let listener = busA.listen(to: .everything)
        var signals = listener.signals.makeAsyncIterator()
        let notices: [ChatNotice] = [
            .appended(Self.chat, upTo: EventCursor(42)),
            .typing(TypingNotice(chat: Self.chat, author: .visitor(VisitorID("v1")), isTyping: true,
                                 at: Date(timeIntervalSince1970: 1_700_000_000.123), expiresAt: Date(timeIntervalSince1970: 1_700_000_006.123))),
            .presence(PresenceNotice(agentID: AgentID("a1"), status: AgentStatus(.away, awayReason: "Lunch"), at: Date(timeIntervalSince1970: 1_700_000_000))),
            .visitorChanged(VisitorID("v1")),
        ]
        for notice in notices {
            await busB.publish(notice)
        }
        // A probe from B sent after the notices arrives after them.
        try await awaitCrossing(from: busB, to: busA)
        #expect(await Self.drain(&signals, listener) == notices, "B's notices reach A intact and in order")

        await busA.publish(notices[0])
        // Once a probe went A -> B and then one B -> A, A has read back its own notice.
        try await awaitCrossing(from: busA, to: busB)
        try await awaitCrossing(from: busB, to: busA)
        #expect(await Self.drain(&signals, listener) == [notices[0]], "A hears its own notice once")
    }
}
