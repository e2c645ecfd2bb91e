import ChatCore
import Hummingbird

/// Reads `Authorization: Bearer <token>` and puts the principal in the context. A request
/// without the header passes on unauthenticated (public routes); a bad token gets 401.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        guard let token = Self.bearerToken(header) else { throw ChatError.unauthenticated }
        var context = context
        context.principal = try await auth.authenticate(token)
        return try await next(request, context)
    }

    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }
}
