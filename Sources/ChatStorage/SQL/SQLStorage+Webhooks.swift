import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func createWebhookEndpoint(_ endpoint: WebhookEndpoint) async throws {
        try await backend.write { db in
            try await db.raw("""
                INSERT INTO webhook_endpoints (id, url, events, secret, enabled, disabled_reason, created_at)
                VALUES (\(bind: endpoint.id.rawValue), \(bind: endpoint.url), \(bind: Self.eventList(endpoint.events)),
                        \(bind: endpoint.secret), \(bind: endpoint.isEnabled ? 1 : 0), \(bind: endpoint.disabledReason),
                        \(bind: endpoint.createdAt.millisecondsSince1970))
                """).run()
        }
    }

    public func webhookEndpoints() async throws -> [WebhookEndpoint] {
        try await backend.read { db in
            try await db.raw("SELECT * FROM webhook_endpoints ORDER BY created_at, id").all().map(Self.webhookEndpoint)
        }
    }

    public func webhookEndpoint(_ id: WebhookEndpointID) async throws -> WebhookEndpoint? {
        guard StoredKey.canExist(id.rawValue) else { return nil }
        return try await backend.read { db in
            try await db.raw("SELECT * FROM webhook_endpoints WHERE id = \(bind: id.rawValue)").first().map(Self.webhookEndpoint)
        }
    }

    public func updateWebhookEndpoint(_ endpoint: WebhookEndpoint) async throws -> Bool {
        try await backend.write { db in
            try await db.raw("""
                UPDATE webhook_endpoints SET url = \(bind: endpoint.url), events = \(bind: Self.eventList(endpoint.events)),
                    enabled = \(bind: endpoint.isEnabled ? 1 : 0), disabled_reason = \(bind: endpoint.disabledReason)
                WHERE id = \(bind: endpoint.id.rawValue) RETURNING id
                """).first() != nil
        }
    }

    public func deleteWebhookEndpoint(_ id: WebhookEndpointID) async throws -> Bool {
        guard StoredKey.canExist(id.rawValue) else { return false }
        return try await backend.write { db in
            try await db.raw("DELETE FROM webhook_endpoints WHERE id = \(bind: id.rawValue) RETURNING id").first() != nil
        }
    }

    /// Event types as one comma-separated text, in a stable order.
    private static func eventList(_ events: Set<WebhookEventType>) -> String {
        events.map(\.rawValue).sorted().joined(separator: ",")
    }

    private static func webhookEndpoint(_ row: any SQLRow) throws -> WebhookEndpoint {
        let events = try row.decode(column: "events", as: String.self)
        return WebhookEndpoint(
            id: WebhookEndpointID(try row.decode(column: "id", as: String.self)),
            url: try row.decode(column: "url", as: String.self),
            events: Set(events.split(separator: ",").compactMap { WebhookEventType(rawValue: String($0)) }),
            secret: try row.decode(column: "secret", as: String.self),
            isEnabled: try row.decode(column: "enabled", as: Int64.self) != 0,
            disabledReason: try row.decode(column: "disabled_reason", as: String?.self),
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self))
        )
    }
}
