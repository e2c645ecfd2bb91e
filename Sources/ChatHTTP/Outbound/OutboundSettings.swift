import ChatCore

/// Deliveries to a channel's flow engine and to webhook endpoints.
public struct OutboundSettings: Sendable, Equatable {
    /// Where channel chats' agent lines go; without an installation they become dead letters
    /// saying so, which admins replay once one is configured.
    public var rapidPro = RapidProEndpoints()
    /// Whether webhooks may go to loopback, private and link-local addresses (tests, closed networks).
    public var webhooksAllowPrivateAddresses = false
    /// How long one attempt may take.
    public var sendTimeout: Duration = .seconds(10)
    /// Backoff, concurrency, lease and polling of the sender.
    public var sender = OutboxSender.Settings()
    /// How often the feeder reads the chat log without being woken (a safety net behind the bus).
    public var feederTick: Duration = .seconds(5)

    public init() {}
}
