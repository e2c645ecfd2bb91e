import Hummingbird

extension Router where Context == ParleyRequestContext {
    /// The methods a client may try on a path that does not support them: every method
    /// with a meaning for a resource, and `QUERY` (a safe GET with a body, being standardised).
    private static let knownMethods: [HTTPRequest.Method] = [
        .get, .post, .put, .patch, .delete, .options, .trace, HTTPRequest.Method("QUERY")!,
    ]

    /// Answers every known method a route's path lacks with 405 `method_not_allowed` and an
    /// `Allow` header naming the methods it has, where the router would answer 404 as if the
    /// path did not exist. Call it once, after every route is added. Catch-all paths (`**`)
    /// only stand for paths that do not exist, so they keep their 404.
    func answerUnsupportedMethods() {
        let methodsByPath = Dictionary(grouping: routes, by: \.path.description)
        for routes in methodsByPath.values {
            let path = routes[0].path
            guard !path.components.contains(.recursiveWildcard) else { continue }
            let allowed = routes.map(\.method).sorted { $0.rawValue < $1.rawValue }
            let refusal = APIError.methodNotAllowed(allowed: allowed)
            for method in Self.knownMethods where !allowed.contains(method) {
                on(path, method: method) { _, _ -> Response in throw refusal }
            }
        }
    }
}
