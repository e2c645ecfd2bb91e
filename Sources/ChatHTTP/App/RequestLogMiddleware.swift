import Hummingbird
import Logging

/// Logs one line per request: method, path (never the query, which may carry a token, and
/// the route instead of a path that carries one),
/// status and duration. The context's logger already carries the request id.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        context.logger.info("request", metadata: [
            "http_method": "\(request.method)",
            "http_path": "\(Self.loggablePath(request, context))",
            "http_status": "\(response.status.code)",
            "duration_ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
        ])
        return response
    }

    /// Path parameters that are credentials: a LivePerson visitor's chat key is the chat's token.
    static var secretParameters: [String] { ["{chatKey}"] }

    /// The request's path, or its route's template (`/api/account/{accountId}/chat/{chatKey}`)
    /// when the path carries a credential, which the log must never hold.
    static func loggablePath(_ request: Request, _ context: Context) -> String {
        guard let route = context.endpointPath, secretParameters.contains(where: { route.contains($0) }) else { return request.uri.path }
        return route
    }
}
