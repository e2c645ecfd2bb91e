import ChatCore
import Hummingbird

/// Reads `Authorization: Bearer <token>` and puts the principal in the context. A request
/// without a valid token passes on unauthenticated: public routes serve it, and the others
/// answer 401 when they ask for the principal.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        var context = context
        if let token = Self.bearerToken(header) {
            do {
                context.principal = try await auth.authenticate(token)
            } catch ChatError.unauthenticated {
                context.principal = nil
            }
        }
        return try await next(request, context)
    }

    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }
}
