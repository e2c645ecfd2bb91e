import ChatCore
import Hummingbird

/// `/v1/auto-invitation-rules`: admins set when visitors are invited to chat without an agent
/// doing it.
struct InvitationRulesController {
    let visitors: VisitorService
    let limits: HTTPLimits

    struct RuleRequest: Decodable {
        let name: String
        /// `*` stands for any run of characters; left out or empty, every page matches.
        let urlPattern: String?
        let secondsOnPage: Int
    }

    struct RuleResponse: ResponseCodable {
        let id: String
        let name: String
        let urlPattern: String
        let secondsOnPage: Int
        let createdAt: String

        init(_ rule: AutoInvitationRule) {
            id = rule.id
            name = rule.name
            urlPattern = rule.urlPattern
            secondsOnPage = rule.secondsOnPage
            createdAt = rule.createdAt.iso8601
        }
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("auto-invitation-rules", use: list)
        router.post("auto-invitation-rules", use: create)
        router.delete("auto-invitation-rules/:ruleId", use: delete)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<RuleResponse> {
        let caller = Caller.principal(try context.requirePrincipal())
        return ListResponse(items: try await visitors.autoInvitationRules(by: caller).map(RuleResponse.init))
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<RuleResponse> {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(RuleRequest.self, limit: limits.maxBodyBytes)
        let rule = try await visitors.addAutoInvitationRule(
            name: body.name, urlPattern: body.urlPattern ?? "", secondsOnPage: body.secondsOnPage, by: caller
        )
        return RuleResponse(rule).created
    }

    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let caller = Caller.principal(try context.requirePrincipal())
        try await visitors.removeAutoInvitationRule(try context.parameters.required("ruleId"), by: caller)
        return .noContent
    }
}
