import ChatCore
import Foundation
import Hummingbird

/// `/v1/offline-messages`: visitors leave a message when nobody can chat; agents read them.
struct OfflineMessagesController {
    let offline: OfflineMessageService
    let limits: HTTPLimits
    /// The same allowance as starting chats: a form that stores something, open to anyone.
    let leaves: RateLimiter

    struct LeaveRequest: Decodable {
        let departmentId: Int64
        let name: String?
        let email: String?
        let message: String
        let sourceUrl: String?
        let captcha: ChatsController.CaptchaAnswerRequest?
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.post("offline-messages", use: leave)
        router.get("offline-messages", use: list)
    }

    @Sendable func leave(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<OfflineMessageResponse> {
        var request = request
        try leaves.check(context.rateLimitKey)
        let body = try await request.decodeJSON(LeaveRequest.self, limit: limits.maxBodyBytes)
        let message = try await offline.leave(
            LeaveMessageRequest(
                departmentID: DepartmentID(body.departmentId), name: body.name, email: body.email, text: body.message,
                profile: VisitorProfile(
                    userAgent: request.headers[.userAgent], ipAddress: context.clientAddress,
                    language: request.headers[.acceptLanguage], sourceURL: body.sourceUrl
                )
            ),
            captcha: body.captcha.map { CaptchaAnswer(id: $0.id, answer: $0.answer) }, as: context.principal
        )
        return OfflineMessageResponse(message).created
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<OfflineMessageResponse> {
        let principal = try context.requirePrincipal()
        let department = try request.queryInteger("departmentId").map { DepartmentID(Int64($0)) }
        let before = try request.uri.queryParameters["before"].map { text in
            let text = String(text)
            guard let date = (try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)))
                ?? (try? Date(text, strategy: .iso8601)) else {
                throw APIError.badRequest("Query parameter 'before' must be an ISO 8601 time, e.g. 2026-11-27T09:00:00.000Z.")
            }
            return date
        }
        let found = try await offline.messages(
            in: department, before: before, limit: try request.queryInteger("limit") ?? 50, by: principal
        )
        return ListResponse(items: found.map(OfflineMessageResponse.init))
    }
}

/// An offline message as agents read it.
struct OfflineMessageResponse: ResponseCodable {
    let id: String
    let departmentId: Int64
    let visitorId: String?
    let name: String
    let email: String
    let message: String
    let sourceUrl: String?
    let ipAddress: String?
    let createdAt: String

    init(_ message: OfflineMessage) {
        id = message.id.rawValue
        departmentId = message.departmentID.rawValue
        visitorId = message.visitorID?.rawValue
        name = message.name
        email = message.email
        self.message = message.text
        sourceUrl = message.profile.sourceURL
        ipAddress = message.profile.ipAddress
        createdAt = message.createdAt.iso8601
    }
}
