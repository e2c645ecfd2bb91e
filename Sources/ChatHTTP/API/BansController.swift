import ChatCore
import Hummingbird

/// `/v1/bans`: admins keep visitors and address ranges from starting chats.
struct BansController {
    let bans: BanService
    let limits: HTTPLimits

    /// Exactly one of `visitorId` and `addresses`.
    struct BanRequest: Decodable {
        let visitorId: String?
        /// One address, a CIDR block or a span "a-b".
        let addresses: String?
        let reason: String?
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("bans", use: list)
        router.post("bans", use: create)
        router.delete("bans/:banId", use: lift)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<BanResponse> {
        let caller = Caller.principal(try context.requirePrincipal())
        return ListResponse(items: try await bans.bans(by: caller).map(BanResponse.init))
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<BanResponse> {
        var request = request
        let caller = Caller.principal(try context.requirePrincipal())
        let body = try await request.decodeJSON(BanRequest.self, limit: limits.maxBodyBytes)
        let ban = try await bans.ban(visitor: body.visitorId, addresses: body.addresses, reason: body.reason, by: caller)
        return BanResponse(ban).created
    }

    @Sendable func lift(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let caller = Caller.principal(try context.requirePrincipal())
        try await bans.lift(BanID(try context.parameters.required("banId")), by: caller)
        return .noContent
    }
}

/// A ban as the native API shows it: `visitorId` or `addresses` (in its one written form).
struct BanResponse: ResponseCodable {
    let id: String
    let visitorId: String?
    let addresses: String?
    let reason: String?
    let createdBy: String?
    let createdAt: String

    init(_ ban: Ban) {
        id = ban.id.rawValue
        switch ban.target {
        case .visitor(let visitor):
            visitorId = visitor.rawValue
            addresses = nil
        case .addresses(let range):
            visitorId = nil
            addresses = range.description
        }
        reason = ban.reason
        createdBy = ban.createdBy?.rawValue
        createdAt = ban.createdAt.iso8601
    }
}
