import Foundation

/// Plans the deliveries of every committed chat event (`OutboxPlan`) and stores them together
/// with its position in the log, in one transaction: after a crash it resumes where the last
/// commit left it, so no event is planned twice or skipped.
public struct OutboxFeeder: Sendable {
    /// The feeder's name among the log's consumers.
    public static let consumer = "outbox"

    private let store: any OutboxStore & ChatStore & ChannelContactStore & WebhookStore & DirectoryStore
    private let batchSize: Int
    private let now: @Sendable () -> Date

    public init(
        store: any OutboxStore & ChatStore & ChannelContactStore & WebhookStore & DirectoryStore, batchSize: Int = 200,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.batchSize = batchSize
        self.now = now
    }

    /// Plans the next batch of events; answers how many events it read (0 when caught up).
    @discardableResult
    public func feedOnce() async throws -> Int {
        let position = try await store.outboxPosition(of: Self.consumer)
        let events = try await store.events(after: position, in: .everything, limit: batchSize)
        guard let last = events.last else { return 0 }
        let endpoints = try await store.webhookEndpoints().filter(\.isEnabled)
        var chats: [ChatID: (Chat, ChannelRecipient?)?] = [:]
        var drafts: [DeliveryDraft] = []
        for event in events {
            if chats[event.chatID] == nil {
                chats[event.chatID] = .some(try await load(event.chatID))
            }
            // A chat erased since its event was committed is not told about.
            guard let (chat, recipient) = chats[event.chatID] ?? nil else { continue }
            drafts += OutboxPlan.deliveries(for: event, in: chat, recipient: recipient, endpoints: endpoints)
        }
        // Another instance that planned the same events first wins; this one reads on from there.
        _ = try await store.enqueue(drafts, advancing: Self.consumer, from: position, to: last.cursor, at: now())
        return events.count
    }

    /// Plans until caught up.
    public func catchUp() async throws {
        while try await feedOnce() == batchSize {}
    }

    /// Catches up whenever the bus says events were appended, and every `tick` in case a
    /// notice was lost; returns when cancelled. Failures go to `failures` and are retried on the next wake.
    public func run(bus: any EventBus, tick: Duration, failures: any FailureReporter) async {
        let listener = bus.listen(to: .everything)
        var signals = listener.signals.makeAsyncIterator()
        while !Task.isCancelled {
            do {
                try await catchUp()
            } catch is CancellationError {
                return
            } catch {
                failures.report(error, during: "planning outbound deliveries", details: [:])
            }
            let timer = listener.wake(after: tick)
            defer { timer.cancel() }
            while true {
                guard let signal = await signals.next() else { return }
                if case .notice(let notice) = signal, case .appended = notice { break }
                if case .timeout = signal { break }
            }
        }
    }

    /// The chat, and for a channel chat its contact and the project whose RapidPro it goes
    /// through (its department's calendar's project).
    private func load(_ id: ChatID) async throws -> (Chat, ChannelRecipient?)? {
        guard let chat = try await store.chat(id) else { return nil }
        guard let contact = try await store.channelContact(of: chat.visitorID) else { return (chat, nil) }
        let project = try await store.department(chat.departmentID)?.calendar?.project
        return (chat, ChannelRecipient(contact: contact, project: project))
    }
}
