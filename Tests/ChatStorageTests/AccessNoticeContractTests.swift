import ChatCore
import ChatStorage
import Foundation
import Logging
import ParleyTestSupport
import ServiceLifecycle
import Testing

@Suite("Access notices across instances", .timeLimit(.minutes(2)))
struct AccessNoticeContractTests {
    @Test(arguments: TestBackend.sharedDatabase)
    func revocationsAndRightsChangesReachEveryListenerOfTheOtherInstance(_ backend: TestBackend) async throws {
        try await withScratchDatabase(backend) { database in
            let first = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            let second = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            let busA = first.makeEventBus(logger: .quiet)
            let busB = second.makeEventBus(logger: .quiet)
            let running = [busA, busB].compactMap { $0 as? any Service }.map { service in Task { try await service.run() } }
            do {
                try await awaitCrossing(from: busB, to: busA)
                // A visitor's listener hears only its own chat's events, yet every access notice.
                let listener = busA.listen(to: .chat(ChatID("c9")))
                var signals = listener.signals.makeAsyncIterator()
                let notices: [ChatNotice] = [
                    .access(.sessionRevoked(SessionID("s1"))),
                    .access(.agentSessionsRevoked(AgentID("a1"), except: SessionID("s2"))),
                    .access(.agentSessionsRevoked(AgentID("a1"), except: nil)),
                    .access(.agentRightsChanged(AgentID("a2"))),
                ]
                for notice in notices {
                    await busB.publish(notice)
                }
                var heard: [ChatNotice] = []
                let timer = listener.wake(after: .seconds(10))
                while heard.count < notices.count, case .notice(let notice) = await signals.next() {
                    heard.append(notice)
                }
                timer.cancel()
                #expect(heard == notices)
            } catch {
                Issue.record(error)
            }
            running.forEach { $0.cancel() }
            await first.close()
            await second.close()
        }
    }
}
