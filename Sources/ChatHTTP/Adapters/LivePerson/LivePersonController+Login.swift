import ChatCore
import Foundation
import Hummingbird

/// LivePerson's login service: `login` hands out a bearer; with `?v=1.2` the bearer comes with
/// a `csrf` key that renews the same bearer (`refresh`) and ends it (`logout`), and with the
/// domains of LivePerson's services.
extension LivePersonController {
    /// `{"username": "<agent email>", "password": "..."}` (an `appKey` is ignored) → `{"bearer": "..."}`;
    /// with `?v=1.2`, `{"bearer", "csrf", "sessionTTl", "csdsCollectionResponse": {"baseURIs": [...]}}`.
    @Sendable func login(_ request: Request, context: Context) async throws -> Response {
        var request = request
        try logins.check(context.rateLimitKey)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("login")
        guard let username = body["username"]?.text, let password = body["password"]?.text else {
            throw APIError.badRequest("Fields 'username' and 'password' are required.")
        }
        guard request.uri.queryParameters["v"] == "1.2" else {
            let (_, credentials) = try await services.auth.login(email: username, password: password)
            return request.livePersonFormat.response(.document("bearer", .string(credentials.accessToken)))
        }
        let (_, credentials) = try await services.auth.loginRenewable(email: username, password: password)
        return request.livePersonFormat.response(.fields([
            "bearer": .string(credentials.accessToken),
            "csrf": .string(credentials.key),
            "sessionTTl": .string(String(credentials.idleLifetime.components.seconds)),
            "csdsCollectionResponse": .fields(["baseURIs": domains(request, context)]),
        ]))
    }

    /// `{"csrf": "..."}`: keeps the bearer of that login alive for another `sessionTTl`.
    /// Counted with logins, as the native refresh is.
    @Sendable func refresh(_ request: Request, context: Context) async throws -> Response {
        var request = request
        try logins.check(context.rateLimitKey)
        try await services.auth.renew(key: try await Self.sessionKey(&request, limit: limits.maxBodyBytes))
        return request.livePersonFormat.response(.fields([
            "sessionTTl": .string(String(settings.renewableIdleLifetime.components.seconds)),
        ]))
    }

    /// `{"csrf": "..."}`: ends that login; its bearer stops working at once.
    @Sendable func logout(_ request: Request, context: Context) async throws -> Response {
        var request = request
        try await services.auth.logout(key: try await Self.sessionKey(&request, limit: limits.maxBodyBytes))
        return Response(status: .ok)
    }

    private static func sessionKey(_ request: inout Request, limit: Int) async throws -> String {
        guard let key = try await request.livePersonBody(limit: limit)["csrf"]?.text, !key.isEmpty else {
            throw APIError.invalidField("csrf", reason: "is required")
        }
        return key
    }
}
