import ChatCore
import Hummingbird

/// `/v1/dead-letters`: admins see the deliveries given up on, send them again or drop them.
struct DeadLettersController {
    let outbox: OutboxService

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("dead-letters", use: list)
        router.post("dead-letters/:deliveryId/replay", use: replay)
        router.delete("dead-letters/:deliveryId", use: delete)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<DeadLetterResponse> {
        let caller = Caller.principal(try context.requirePrincipal())
        let limit = try request.queryInteger("limit") ?? 100
        guard (1...OutboxService.maxListed).contains(limit) else {
            throw ChatError.invalidField(field: .listLimit, reason: "must be from 1 to \(OutboxService.maxListed)")
        }
        return ListResponse(items: try await outbox.deadLetters(limit: limit, by: caller).map(DeadLetterResponse.init))
    }

    @Sendable func replay(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        try await outbox.replay(deadLetter: try context.parameters.required("deliveryId"), by: .principal(context.requirePrincipal()))
        return .noContent
    }

    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        try await outbox.delete(deadLetter: try context.parameters.required("deliveryId"), by: .principal(context.requirePrincipal()))
        return .noContent
    }
}

/// A dead letter: where it was going, why it was given up on, and the start of what it carried.
struct DeadLetterResponse: ResponseCodable {
    let id: String
    /// `channel`, `webhook` or `email`.
    let destination: String
    let webhookId: String?
    let project: String?
    /// The mailbox an `email` was for.
    let recipient: String?
    let summary: String
    let reason: String?
    let attempts: Int
    /// The first 200 characters of the body.
    let payload: String
    let createdAt: String
    let deadAt: String?

    init(_ delivery: Delivery) {
        id = delivery.id
        switch delivery.destination {
        case .channel(let project):
            (destination, self.project, webhookId, recipient) = ("channel", project, nil, nil)
        case .webhook(let endpoint):
            (destination, project, webhookId, recipient) = ("webhook", nil, endpoint.rawValue, nil)
        case .email(let address):
            (destination, project, webhookId, recipient) = ("email", nil, nil, address)
        }
        summary = delivery.summary
        reason = delivery.lastError
        attempts = delivery.attempts
        payload = String(delivery.payload.prefix(200))
        createdAt = delivery.createdAt.iso8601
        deadAt = delivery.deadAt?.iso8601
    }
}
