import Hummingbird

extension RouterGroup where Context == ParleyRequestContext {
    /// Registers `handler` for PUT, and for POST with `X-HTTP-Method-Override: PUT`, as
    /// LivePerson's clients send it; a POST without that header is 405 naming PUT in `Allow`.
    func putOrOverride(_ path: RouterPath, _ handler: @escaping @Sendable (Request, Context) async throws -> Response) {
        put(path, use: handler)
        post(path) { request, context in
            guard request.overridesToPut else {
                var refusal = APIError(
                    status: .methodNotAllowed, code: "method_not_allowed", message: "Use PUT, or POST with X-HTTP-Method-Override: PUT."
                )
                refusal.headers[.allow] = "PUT"
                throw refusal
            }
            return try await handler(request, context)
        }
    }
}
