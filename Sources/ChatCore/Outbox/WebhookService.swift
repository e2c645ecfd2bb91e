import Foundation

/// Admins register, change and remove webhook endpoints.
public struct WebhookService: Sendable {
    /// The longest endpoint URL accepted, in bytes.
    public static let maxURLBytes = 2048

    private let store: any WebhookStore
    private let addresses: WebhookAddressPolicy
    private let now: @Sendable () -> Date

    public init(store: any WebhookStore, addresses: WebhookAddressPolicy, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.addresses = addresses
        self.now = now
    }

    /// Registers an endpoint, enabled, with a new signing secret; admins only. `events` are
    /// event type names (none: every event).
    public func register(url: String, events: [String]?, by caller: Caller) async throws -> WebhookEndpoint {
        try caller.requireAdmin()
        let types = try Self.eventTypes(events)
        let endpoint = WebhookEndpoint(
            id: WebhookEndpointID(IdentifierGenerator.uuid()), url: try await checked(url), events: types,
            secret: "whsec_" + Data(IdentifierGenerator.randomBytes(32)).base64EncodedString(), isEnabled: true,
            disabledReason: nil, createdAt: now()
        )
        try await store.createWebhookEndpoint(endpoint)
        return endpoint
    }

    public func endpoints(by caller: Caller) async throws -> [WebhookEndpoint] {
        try caller.requireAdmin()
        return try await store.webhookEndpoints()
    }

    public func endpoint(_ id: WebhookEndpointID, by caller: Caller) async throws -> WebhookEndpoint {
        try caller.requireAdmin()
        guard let endpoint = try await store.webhookEndpoint(id) else { throw ChatError.webhookNotFound(id) }
        return endpoint
    }

    /// Changes what is given (nil: unchanged). Enabling clears the disabled reason; disabling
    /// records that an admin did it.
    public func update(
        _ id: WebhookEndpointID, url: String?, events: [String]?, enabled: Bool?, by caller: Caller
    ) async throws -> WebhookEndpoint {
        var endpoint = try await endpoint(id, by: caller)
        if let events { endpoint.events = try Self.eventTypes(events) }
        if let url { endpoint.url = try await checked(url) }
        if let enabled, enabled != endpoint.isEnabled {
            endpoint.isEnabled = enabled
            endpoint.disabledReason = enabled ? nil : "disabled by an admin"
        }
        guard try await store.updateWebhookEndpoint(endpoint) else { throw ChatError.webhookNotFound(id) }
        return endpoint
    }

    public func delete(_ id: WebhookEndpointID, by caller: Caller) async throws {
        try caller.requireAdmin()
        guard try await store.deleteWebhookEndpoint(id) else { throw ChatError.webhookNotFound(id) }
    }

    /// An http or https URL with a host, bounded in bytes, whose host is public (see `WebhookAddressPolicy`).
    private func checked(_ text: String) async throws -> String {
        guard text.utf8.count <= Self.maxURLBytes else {
            throw ChatError.invalidField(field: .webhookURL, reason: "may hold at most \(Self.maxURLBytes) bytes")
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.user == nil, url.password == nil
        else {
            throw ChatError.invalidField(field: .webhookURL, reason: "must be an http or https URL with a host and no credentials")
        }
        switch await addresses.refusal(forHost: host) {
        case nil: break
        case .unresolvable: throw ChatError.invalidField(field: .webhookURL, reason: "names a host that does not resolve")
        case .notPublic: throw ChatError.addressNotPublic(field: .webhookURL, host: host)
        }
        return text
    }

    private static func eventTypes(_ names: [String]?) throws -> Set<WebhookEventType> {
        guard let names else { return [] }
        guard names.count <= WebhookEventType.allCases.count * 2 else {
            throw ChatError.invalidField(field: .webhookEvents, reason: "lists too many event types")
        }
        return Set(try names.map { name in
            guard let type = WebhookEventType(rawValue: name) else {
                throw ChatError.invalidField(
                    field: .webhookEvents, reason: "holds an unknown event type; known: \(WebhookEventType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return type
        })
    }
}
