import Foundation

/// Stored webhook endpoints.
public protocol WebhookStore: Sendable {
    func createWebhookEndpoint(_ endpoint: WebhookEndpoint) async throws
    func webhookEndpoints() async throws -> [WebhookEndpoint]
    func webhookEndpoint(_ id: WebhookEndpointID) async throws -> WebhookEndpoint?
    /// Replaces the stored endpoint with the same id; false if there is none.
    func updateWebhookEndpoint(_ endpoint: WebhookEndpoint) async throws -> Bool
    func deleteWebhookEndpoint(_ id: WebhookEndpointID) async throws -> Bool
}
