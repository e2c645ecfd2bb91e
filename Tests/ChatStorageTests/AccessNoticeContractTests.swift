import ChatCore
import ChatStorage
import Foundation
import Logging
import ParleyTestSupport
import ServiceLifecycle
import Testing

@Suite("Access notices across instances")
struct AccessNoticeContractTests {
    @Test(arguments: TestBackend.available.filter { $0 == .postgres })
    func revocationsAndRightsChangesReachEveryListenerOfTheOtherInstance(_ backend: TestBackend) async throws {
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

        // A visitor's listener hears only its own chat's events, yet every access notice.
        let heard = EventBusContractTests.Heard()
        let listener = busA.listen(to: .chat(ChatID("c9")))
        let collecting = Task { for await signal in listener.signals { heard.append(signal) } }
        defer { collecting.cancel() }
        let notices: [ChatNotice] = [
            .access(.sessionRevoked(SessionID("s1"))),
            .access(.agentSessionsRevoked(AgentID("a1"), except: SessionID("s2"))),
            .access(.agentSessionsRevoked(AgentID("a1"), except: nil)),
            .access(.agentRightsChanged(AgentID("a2"))),
        ]
        for notice in notices {
            await busB.publish(notice)
        }
        #expect(await heard.await(4, within: 5) == notices.map { .notice($0) })

        running.forEach { $0.cancel() }
        await first.close()
        await second.close()
        try await database.remove()
    }
}
