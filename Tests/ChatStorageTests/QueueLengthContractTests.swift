import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// How many chats wait in a department: queued ones, not those served, ended, or elsewhere.
@Suite("Queue length storage contract", .timeLimit(.minutes(2)))
struct QueueLengthContractTests {
    @Test(arguments: TestBackend.available)
    func onlyTheDepartmentsWaitingChatsCount(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let (department, _, chats) = try await RoutingContractTests.queue(in: store, agents: ["ann"], chats: 3)
            let elsewhere = try await store.createDepartment(name: "Support", at: RoutingContractTests.now)
            _ = try await ChatLogContractTests.startChat(in: store, department: elsewhere.id)
            #expect(try await store.queueLength(of: department.id) == 3)
            _ = try await store.updateChat(chats[0], replaying: nil, at: RoutingContractTests.now) { _ in
                ChatChange(state: .ended, events: [EventDraft(author: .system, body: .stateChanged(.ended))])
            }
            #expect(try await store.queueLength(of: department.id) == 2)
            #expect(try await store.queueLength(of: elsewhere.id) == 1)
            #expect(try await store.queueLength(of: DepartmentID(999)) == 0)
        }
    }
}
