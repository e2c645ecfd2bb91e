import ChatCore
import ChatStorage
import Foundation
import Logging
import ParleyTestSupport
import Testing

/// Feeders racing over one database (two instances on PostgreSQL) plan every event once.
@Suite("Outbox feeders across instances", .timeLimit(.minutes(2)))
struct OutboxFeederContractTests {
    static let now = ChatLogContractTests.now

    @Test(arguments: TestBackend.available)
    func twoFeedersPlanEachEventOnce(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store, database in
            // SQLite is one instance's file; PostgreSQL is shared, so the second feeder gets its own connections.
            let other = backend == .postgres
                ? try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize) : store
            do {
                try await store.createWebhookEndpoint(WebhookEndpoint(
                    id: WebhookEndpointID("all"), url: "https://hooks.example.com/", events: [], secret: "whsec_AA==", isEnabled: true,
                    disabledReason: nil, createdAt: Self.now
                ))
                _ = try await store.outboxPosition(of: OutboxFeeder.consumer)
                let department = try await store.createDepartment(name: "Sales", at: Self.now)
                for _ in 0..<6 {
                    _ = try await ChatLogContractTests.startChat(in: store, department: department.id)
                }
                let feeders = [OutboxFeeder(store: store, batchSize: 2, now: { Self.now }), OutboxFeeder(store: other, batchSize: 2, now: { Self.now })]
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for feeder in feeders {
                        group.addTask { try await feeder.catchUp() }
                    }
                    try await group.waitForAll()
                }
                let planned = try await store.pendingDeliveries(limit: 100)
                // Each chat's two opening events: chat.started and chat.queued, then message.created.
                #expect(planned.count == 18, "\(planned.map(\.summary))")
                #expect(Set(planned.map(\.payload)).count == 18, "no event planned twice")
                #expect(try await store.outboxPosition(of: OutboxFeeder.consumer) == (try await store.latestCursor()))
            } catch {
                if backend == .postgres { await other.close() }
                throw error
            }
            if backend == .postgres { await other.close() }
        }
    }
}
