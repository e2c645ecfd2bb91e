import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import ServiceLifecycle
import Testing

@Suite("Event bus shutdown", .timeLimit(.minutes(2)))
struct EventBusShutdownTests {
    /// A server shutting down while its bus connects, sets up LISTEN or sends must not wait
    /// forever. The moments are sampled: nothing outside the bus tells which step it is at.
    @Test(arguments: TestBackend.sharedDatabase)
    func aBusStopsWhenCancelledAtAnyMomentOfItsStart(_ backend: TestBackend) async throws {
        try await withStorage(backend) { storage in
            for attempt in 0..<400 {
                let bus = storage.makeEventBus(logger: .quiet)
                let service = try #require(bus as? any Service)
                let running = Task { try await service.run() }
                await bus.publish(.appended(ChatAddress(chatID: ChatID("c1"), departmentID: DepartmentID(1), agentID: nil), upTo: .start))
                try await Task.sleep(for: .microseconds(attempt * 97 % 15_000))
                running.cancel()
                let stopped = await finishes(running, within: .seconds(10))
                #expect(stopped, "attempt \(attempt): the bus did not stop")
                if !stopped { return }
            }
        }
    }
}
