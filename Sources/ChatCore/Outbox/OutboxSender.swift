import Foundation

/// Sends due deliveries, at most `concurrency` at a time and one at a time per lane, and
/// decides what each outcome means: delivered, tried again later (`RetryPolicy`), or a dead
/// letter. A webhook endpoint that answers 410 is disabled.
public struct OutboxSender: Sendable {
    /// How the sender works.
    public struct Settings: Sendable, Equatable {
        public var retry = RetryPolicy()
        /// Deliveries sent at once.
        public var concurrency = 8
        /// How long a claimed delivery is kept from other senders: longer than a send may take.
        public var lease: Duration = .seconds(60)
        /// How often due deliveries are looked for when there was nothing to send.
        public var pollInterval: Duration = .seconds(1)

        public init() {}
    }

    private let store: any OutboxStore & WebhookStore
    private let transport: any DeliveryTransport
    private let settings: Settings
    private let failures: any FailureReporter
    /// Signs the links to agents' files in channel deliveries, when they are sent.
    private let links: (any AttachmentLinks)?
    private let now: @Sendable () -> Date
    private let jitter: @Sendable () -> Double

    public init(
        store: any OutboxStore & WebhookStore, transport: any DeliveryTransport, settings: Settings, failures: any FailureReporter,
        links: (any AttachmentLinks)? = nil,
        now: @escaping @Sendable () -> Date = Date.init, jitter: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.store = store
        self.links = links
        self.transport = transport
        self.settings = settings
        self.failures = failures
        self.now = now
        self.jitter = jitter
    }

    /// Sends one round of due deliveries; answers how many were tried.
    @discardableResult
    public func sendDue() async throws -> Int {
        let start = now()
        let due = try await store.claimDueDeliveries(
            at: start, leaseUntil: start.adding(settings.lease), limit: settings.concurrency
        )
        await withTaskGroup(of: Void.self) { group in
            for delivery in due {
                group.addTask { await attempt(delivery) }
            }
        }
        return due.count
    }

    /// Sends rounds until cancelled, pausing `pollInterval` when a round found nothing.
    public func run() async {
        while !Task.isCancelled {
            let sent: Int
            do {
                sent = try await sendDue()
            } catch {
                failures.report(error, during: "sending outbound deliveries", details: [:])
                sent = 0
            }
            if sent == 0 {
                try? await Task.sleep(for: settings.pollInterval)
            }
        }
    }

    private func attempt(_ delivery: Delivery) async {
        do {
            let outcome: DeliveryOutcome
            switch try await target(of: delivery) {
            case .success(let target):
                switch ChannelAttachmentLink.signing(delivery.payload, with: links) {
                case .success(let payload):
                    var signed = delivery
                    signed.payload = payload
                    outcome = await transport.send(signed, to: target)
                case .failure(let unsigned):
                    outcome = .rejected(reason: unsigned.reason)
                }
            case .failure(let refusal): outcome = .rejected(reason: refusal.reason)
            }
            try await record(outcome, of: delivery)
        } catch {
            // The lease runs out and the delivery is tried again.
            failures.report(error, during: "recording a delivery", details: ["delivery": delivery.id])
        }
    }

    private struct Refusal: Error {
        let reason: String
    }

    private func target(of delivery: Delivery) async throws -> Result<DeliveryTarget, Refusal> {
        switch delivery.destination {
        case .channel(let project):
            return .success(.channel(project: project))
        case .email(let address):
            return .success(.email(to: address))
        case .webhook(let id):
            guard let endpoint = try await store.webhookEndpoint(id) else {
                return .failure(Refusal(reason: "the webhook endpoint was deleted"))
            }
            guard endpoint.isEnabled else {
                return .failure(Refusal(reason: "the webhook endpoint is disabled: \(endpoint.disabledReason ?? "by an admin")"))
            }
            return .success(.webhook(endpoint))
        }
    }

    private func record(_ outcome: DeliveryOutcome, of delivery: Delivery) async throws {
        let attempts = delivery.attempts + 1
        let date = now()
        switch outcome {
        case .delivered:
            try await store.deliveryDelivered(delivery.id)
        case .rejected(let reason):
            try await store.deadLetter(delivery.id, attempts: attempts, reason: reason, at: date)
        case .gone(let reason):
            if case .webhook(let id) = delivery.destination, var endpoint = try await store.webhookEndpoint(id) {
                endpoint.isEnabled = false
                endpoint.disabledReason = reason
                _ = try await store.updateWebhookEndpoint(endpoint)
            }
            try await store.deadLetter(delivery.id, attempts: attempts, reason: reason, at: date)
        case .failed(let reason, let retryAfter):
            if settings.retry.givesUp(attempts: attempts, createdAt: delivery.createdAt, at: date) {
                try await store.deadLetter(delivery.id, attempts: attempts, reason: "gave up after \(attempts) attempts: \(reason)", at: date)
            } else {
                let wait = settings.retry.delay(afterAttempts: attempts, retryAfter: retryAfter, jitter: jitter())
                try await store.deliveryFailed(delivery.id, attempts: attempts, error: reason, nextAttemptAt: date.adding(wait))
            }
        }
    }
}
