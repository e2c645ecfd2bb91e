import ChatCore
import ParleyTestSupport
import Testing

@Suite("Access notices across instances", .timeLimit(.minutes(2)))
struct AccessNoticeContractTests {
    @Test(arguments: TestBackend.sharedDatabase)
    func revocationsAndRightsChangesReachEveryListenerOfTheOtherInstance(_ backend: TestBackend) async throws {
        try await EventBusContractTests.withTwoInstances(backend) { busA, busB in
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
        }
    }
}
