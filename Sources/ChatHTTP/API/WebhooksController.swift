import ChatCore
import Hummingbird

/// `/v1/webhooks`: admins register the endpoints that are sent signed event notifications.
struct WebhooksController {
    let webhooks: WebhookService
    let limits: HTTPLimits

    /// A new endpoint: `events` absent or empty means every event.
    struct CreateRequest: Decodable {
        let url: String
        let events: [String]?
    }

    /// A change: what is absent stays as it is.
    struct UpdateRequest: Decodable {
        let url: String?
        let events: [String]?
        let enabled: Bool?
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("webhooks", use: list)
        router.post("webhooks", use: create)
        router.get("webhooks/:webhookId", use: get)
        router.patch("webhooks/:webhookId", use: update)
        router.delete("webhooks/:webhookId", use: delete)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<WebhookResponse> {
        ListResponse(items: try await webhooks.endpoints(by: .principal(context.requirePrincipal())).map(WebhookResponse.init))
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<WebhookResponse> {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(CreateRequest.self, limit: limits.maxBodyBytes)
        return WebhookResponse(try await webhooks.register(url: body.url, events: body.events, by: caller)).created
    }

    @Sendable func get(_ request: Request, context: ParleyRequestContext) async throws -> WebhookResponse {
        WebhookResponse(try await webhooks.endpoint(try id(context), by: .principal(context.requirePrincipal())))
    }

    @Sendable func update(_ request: Request, context: ParleyRequestContext) async throws -> WebhookResponse {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(UpdateRequest.self, limit: limits.maxBodyBytes)
        return WebhookResponse(try await webhooks.update(try id(context), url: body.url, events: body.events, enabled: body.enabled, by: caller))
    }

    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        try await webhooks.delete(try id(context), by: .principal(context.requirePrincipal()))
        return .noContent
    }

    private func id(_ context: ParleyRequestContext) throws -> WebhookEndpointID {
        WebhookEndpointID(try context.parameters.required("webhookId"))
    }
}

/// An endpoint as admins see it, secret included (they configure the receiver with it).
struct WebhookResponse: ResponseCodable {
    let id: String
    let url: String
    /// Empty: every event.
    let events: [String]
    let secret: String
    let enabled: Bool
    let disabledReason: String?
    let createdAt: String

    init(_ endpoint: WebhookEndpoint) {
        id = endpoint.id.rawValue
        url = endpoint.url
        events = endpoint.events.map(\.rawValue).sorted()
        secret = endpoint.secret
        enabled = endpoint.isEnabled
        disabledReason = endpoint.disabledReason
        createdAt = endpoint.createdAt.iso8601
    }
}
