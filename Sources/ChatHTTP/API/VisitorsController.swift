import ChatCore
import Hummingbird

/// `/v1/visitors`: the widget tracks its visitor (first page view, later page views,
/// heartbeats, invitations); agents follow the visitors on the site and invite them.
struct VisitorsController {
    let visitors: VisitorService
    let limits: HTTPLimits
    /// Per client address, for new visitors.
    let tracks: RateLimiter
    /// Per visitor session, for page views and heartbeats.
    let pageViews: RateLimiter

    struct TrackRequest: Decodable {
        let name: String?
        let email: String?
        let url: String?
        let title: String?
        let referrer: String?
        let screenResolution: String?
        let timeZone: String?
        let customVariables: [PairRequest]?
    }

    struct TrackResponse: ResponseCodable {
        let visitor: VisitorOverviewResponse
        let credentials: CredentialsResponse
    }

    struct PageViewRequest: Decodable {
        let url: String
        let title: String?
        let referrer: String?
    }

    struct HeartbeatRequest: Decodable {
        /// Whether the visitor has the pre-chat form open; left out, it is not changed.
        let preChat: Bool?
    }

    struct InvitationAnswerRequest: Decodable {
        let accept: Bool
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.post("visitors", use: track)
        router.get("visitors", use: list)
        router.get("visitors/me", use: me)
        router.post("visitors/me/pageviews", use: pageView)
        router.post("visitors/me/heartbeat", use: heartbeat)
        router.post("visitors/me/invitation", use: answerInvitation)
        router.get("visitors/:visitorId", use: get)
        router.put("visitors/:visitorId/custom-variables", use: setCustomVariables)
        router.put("visitors/me/custom-variables", use: setOwnCustomVariables)
        router.post("visitors/:visitorId/invitation", use: invite)
    }

    @Sendable func track(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<TrackResponse> {
        var request = request
        try tracks.check(context.rateLimitKey)
        let body = try await request.decodeJSON(TrackRequest.self, limit: limits.maxBodyBytes)
        let (visitor, credentials) = try await visitors.track(TrackVisitorRequest(
            name: body.name, email: body.email,
            page: body.url.map { PageView(url: $0, title: body.title ?? "", referrer: body.referrer ?? "", viewedAt: .now) },
            customVariables: (body.customVariables ?? []).map(\.variable),
            profile: VisitorProfile(
                userAgent: request.headers[.userAgent], ipAddress: context.clientAddress, language: request.headers[.acceptLanguage],
                sourceURL: body.url, screenResolution: body.screenResolution, timeZone: body.timeZone
            )
        ))
        return TrackResponse(visitor: VisitorOverviewResponse(visitor), credentials: CredentialsResponse(credentials)).created
    }

    @Sendable func me(_ request: Request, context: ParleyRequestContext) async throws -> VisitorOverviewResponse {
        let principal = try context.requirePrincipal()
        guard let visitor = principal.visitorID else { throw ChatError.forbidden(reason: "Only visitors have a visitor of their own.") }
        return VisitorOverviewResponse(try await visitors.visitor(visitor, by: principal))
    }

    @Sendable func pageView(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        var request = request
        let principal = try context.requirePrincipal()
        try pageViews.check(principal.session.rawValue)
        let body = try await request.decodeJSON(PageViewRequest.self, limit: limits.maxBodyBytes)
        try await visitors.recordPageView(
            PageView(url: body.url, title: body.title ?? "", referrer: body.referrer ?? "", viewedAt: .now), as: principal,
            from: context.clientAddress
        )
        return .noContent
    }

    @Sendable func heartbeat(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        var request = request
        let principal = try context.requirePrincipal()
        try pageViews.check(principal.session.rawValue)
        let body = try await request.decodeJSON(HeartbeatRequest.self, limit: limits.maxBodyBytes)
        try await visitors.heartbeat(preChat: body.preChat, as: principal)
        return .noContent
    }

    @Sendable func answerInvitation(_ request: Request, context: ParleyRequestContext) async throws -> VisitorOverviewResponse {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(InvitationAnswerRequest.self, limit: limits.maxBodyBytes)
        return VisitorOverviewResponse(try await visitors.answerInvitation(accept: body.accept, as: principal))
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> ListResponse<VisitorOverviewResponse> {
        let principal = try context.requirePrincipal()
        let status = try request.uri.queryParameters["status"].map { name in
            guard let status = VisitorStatus(rawValue: String(name)) else {
                throw APIError.badRequest("Query parameter 'status' must be a visitor status such as inSite or chatting.")
            }
            return status
        }
        return ListResponse(items: try await visitors.currentVisitors(status: status, by: principal).map { VisitorOverviewResponse($0) })
    }

    @Sendable func get(_ request: Request, context: ParleyRequestContext) async throws -> VisitorOverviewResponse {
        VisitorOverviewResponse(try await visitors.visitor(try visitorID(context), by: context.requirePrincipal()))
    }

    @Sendable func setCustomVariables(_ request: Request, context: ParleyRequestContext) async throws -> VisitorOverviewResponse {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON([PairRequest].self, limit: limits.maxBodyBytes)
        return VisitorOverviewResponse(
            try await visitors.setCustomVariables(body.map(\.variable), of: try visitorID(context), by: principal)
        )
    }

    /// The visitor's own variables, as the site's page gives them to the widget; counted with its page views.
    @Sendable func setOwnCustomVariables(_ request: Request, context: ParleyRequestContext) async throws -> VisitorOverviewResponse {
        var request = request
        let principal = try context.requirePrincipal()
        guard let visitor = principal.visitorID else { throw ChatError.forbidden(reason: "Only visitors have a visitor of their own.") }
        try pageViews.check(principal.session.rawValue)
        let body = try await request.decodeJSON([PairRequest].self, limit: limits.maxBodyBytes)
        return VisitorOverviewResponse(try await visitors.setCustomVariables(body.map(\.variable), of: visitor, by: principal))
    }

    @Sendable func invite(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<VisitorOverviewResponse> {
        let principal = try context.requirePrincipal()
        return VisitorOverviewResponse(try await visitors.invite(try visitorID(context), by: principal)).created
    }

    private func visitorID(_ context: ParleyRequestContext) throws -> VisitorID {
        VisitorID(try context.parameters.required("visitorId"))
    }
}
