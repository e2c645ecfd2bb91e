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
            context.principal = try await auth.principalIfValid(token)
        }
        return try await next(request, context)
    }

    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else { return nil }
        return String(parts[1])
    }
}

extension AuthService {
    /// The principal a token speaks for, or nil when the token is not valid. Storage
    /// failures still throw: a database outage is not the caller's bad token.
    func principalIfValid(_ token: String) async throws -> Principal? {
        do {
            return try await authenticate(token)
        } catch ChatError.unauthenticated {
            return nil
        }
    }
}
