import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// The outbox: deliveries stored with the consumer's position, sent in order per lane, given
/// up on as dead letters and replayed.
@Suite("Outbox storage contract", .timeLimit(.minutes(2)))
struct OutboxContractTests {
    static let now = ChatLogContractTests.now

    static func draft(_ text: String, lane: String) -> DeliveryDraft {
        DeliveryDraft(destination: .channel(project: nil), lane: lane, payload: text, summary: "test")
    }

    @Test(arguments: TestBackend.available)
    func deliveriesAndThePositionMoveTogetherOrNotAtAll(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            _ = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let start = try await store.outboxPosition(of: "feeder")
            #expect(start == (try await store.latestCursor()), "a new consumer starts at the newest event")
            let (_, events) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let last = try #require(events.last).cursor

            let stale = try await store.enqueue([Self.draft("lost", lane: "a")], advancing: "feeder", from: EventCursor(0), to: last, at: Self.now)
            #expect(!stale, "a position that moved on refuses the batch")
            #expect(try await store.pendingDeliveries(limit: 10).isEmpty, "and nothing of it is stored")
            #expect(try await store.outboxPosition(of: "feeder") == start)

            let stored = try await store.enqueue([Self.draft("one", lane: "a")], advancing: "feeder", from: start, to: last, at: Self.now)
            #expect(stored)
            #expect(try await store.outboxPosition(of: "feeder") == last)
            #expect(try await store.pendingDeliveries(limit: 10).map(\.payload) == ["one"])
            let again = try await store.enqueue([Self.draft("twice", lane: "a")], advancing: "feeder", from: start, to: last, at: Self.now)
            #expect(!again, "the same batch is never stored twice")
        }
    }

    @Test(arguments: TestBackend.available)
    func onlyTheOldestDeliveryOfALaneIsDueAndAClaimHoldsItForItsLease(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            try await store.enqueue([Self.draft("a1", lane: "a"), Self.draft("a2", lane: "a"), Self.draft("b1", lane: "b")], at: Self.now)
            let lease = Self.now.addingTimeInterval(60)
            let first = try await store.claimDueDeliveries(at: Self.now, leaseUntil: lease, limit: 10)
            #expect(Set(first.map(\.payload)) == ["a1", "b1"])
            #expect(try await store.claimDueDeliveries(at: Self.now, leaseUntil: lease, limit: 10).isEmpty, "claimed ones wait for their lease")

            let a1 = try #require(first.first { $0.payload == "a1" })
            try await store.deliveryDelivered(a1.id)
            let next = try await store.claimDueDeliveries(at: Self.now, leaseUntil: lease, limit: 10)
            #expect(next.map(\.payload) == ["a2"], "the lane's next one is due once the first is delivered")

            let b1 = try #require(first.first { $0.payload == "b1" })
            try await store.deliveryFailed(b1.id, attempts: 1, error: "the receiver answered 503", nextAttemptAt: Self.now.addingTimeInterval(5))
            #expect(try await store.claimDueDeliveries(at: Self.now.addingTimeInterval(4), leaseUntil: lease, limit: 10).isEmpty)
            let retried = try await store.claimDueDeliveries(at: Self.now.addingTimeInterval(5), leaseUntil: lease, limit: 10)
            #expect(retried.map(\.id) == [b1.id], "a retry keeps the delivery's id")
            #expect(retried.first?.attempts == 1 && retried.first?.lastError == "the receiver answered 503")
        }
    }

    @Test(arguments: TestBackend.available)
    func deadLettersStopBlockingTheirLaneAndCanBeReplayedOrDeleted(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            try await store.enqueue([Self.draft("a1", lane: "a"), Self.draft("a2", lane: "a")], at: Self.now)
            let a1 = try #require(try await store.claimDueDeliveries(at: Self.now, leaseUntil: Self.now, limit: 10).first)
            try await store.deadLetter(a1.id, attempts: 3, reason: "the receiver answered 400", at: Self.now.addingTimeInterval(1))
            let next = try await store.claimDueDeliveries(at: Self.now, leaseUntil: Self.now, limit: 10)
            #expect(next.map(\.payload) == ["a2"], "a dead letter no longer holds its lane")
            try await store.deadLetter(next[0].id, attempts: 1, reason: "the receiver answered 404", at: Self.now.addingTimeInterval(2))

            let dead = try await store.deadLetters(limit: 10)
            #expect(dead.map(\.payload) == ["a2", "a1"], "newest first")
            #expect(dead.last?.lastError == "the receiver answered 400" && dead.last?.attempts == 3)
            #expect(dead.allSatisfy { $0.deadAt != nil })

            #expect(try await store.replayDeadLetter(a1.id, at: Self.now.addingTimeInterval(10)))
            #expect(try await !store.replayDeadLetter(a1.id, at: Self.now), "a pending delivery is no dead letter")
            let replayed = try await store.claimDueDeliveries(at: Self.now.addingTimeInterval(10), leaseUntil: Self.now, limit: 10)
            #expect(replayed.map(\.id) == [a1.id] && replayed.first?.attempts == 0)

            #expect(try await store.deleteDeadLetter(next[0].id))
            #expect(try await !store.deleteDeadLetter(next[0].id))
            #expect(try await !store.deleteDeadLetter(a1.id), "a pending delivery is not deleted as a dead letter")
            #expect(try await store.deadLetters(limit: 10).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available, [ErasedChats.anonymise, .delete])
    func erasingAVisitorDropsWhatTheOutboxHeldOfIt(_ backend: TestBackend, chats: ErasedChats) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            _ = try await store.updateChat(chat.id, replaying: nil, at: Self.now) { _ in
                ChatChange(state: .ended, events: [EventDraft(author: .system, body: .stateChanged(.ended))])
            }
            var theirs = Self.draft("their words", lane: "a")
            theirs.visitorID = chat.visitorID
            var theirDeadLetter = Self.draft("their other words", lane: "b")
            theirDeadLetter.visitorID = chat.visitorID
            try await store.enqueue([theirs, theirDeadLetter, Self.draft("an agent's status", lane: "c")], at: Self.now)
            let claimed = try await store.claimDueDeliveries(at: Self.now, leaseUntil: Self.now, limit: 10)
            let dead = try #require(claimed.first { $0.payload == "their other words" })
            try await store.deadLetter(dead.id, attempts: 1, reason: "the receiver answered 400", at: Self.now)

            _ = try await store.eraseVisitor(chat.visitorID, chats: chats, at: Self.now)
            #expect(try await store.pendingDeliveries(limit: 10).map(\.payload) == ["an agent's status"])
            #expect(try await store.deadLetters(limit: 10).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func webhookEndpointsAreStoredWhole(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            var endpoint = WebhookEndpoint(
                id: WebhookEndpointID("w-1"), url: "https://hooks.example.com/parley", events: [.chatStarted, .messageCreated],
                secret: "whsec_c2VjcmV0", isEnabled: true, disabledReason: nil, createdAt: Self.now
            )
            try await store.createWebhookEndpoint(endpoint)
            #expect(try await store.webhookEndpoint(endpoint.id) == endpoint)
            endpoint.isEnabled = false
            endpoint.disabledReason = "the receiver answered 410 (gone)"
            endpoint.events = []
            #expect(try await store.updateWebhookEndpoint(endpoint))
            #expect(try await store.webhookEndpoints() == [endpoint])
            #expect(try await store.deleteWebhookEndpoint(endpoint.id))
            #expect(try await store.webhookEndpoint(endpoint.id) == nil)
            #expect(try await !store.updateWebhookEndpoint(endpoint))
        }
    }
}
