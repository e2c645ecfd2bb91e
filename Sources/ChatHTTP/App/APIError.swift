import Hummingbird

/// An error of the HTTP layer itself (malformed request, body too large, rate limit),
/// rendered in the same JSON envelope as domain errors.
struct APIError: Error {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var headers: HTTPFields = [:]
    /// The face's own wire field at fault, for errors about a field the core never sees.
    var field: String?

    static func badRequest(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "malformed_request", message: message)
    }

    /// A field of a face's own wire failed validation; the same answer as a core field's.
    static func invalidField(_ field: String, reason: String) -> APIError {
        APIError(status: .unprocessableContent, code: "invalid_field", message: "Field '\(field)' \(reason).", field: field)
    }

    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "body_too_large", message: "The request body may hold at most \(limit) bytes.")
    }

    /// A method the path does not support; `Allow` names those it does.
    static func methodNotAllowed(allowed: [HTTPRequest.Method]) -> APIError {
        APIError(
            status: .methodNotAllowed, code: "method_not_allowed",
            message: "This path supports \(allowed.map(\.rawValue).joined(separator: ", ")) only.",
            headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")]
        )
    }

    /// A plain HTTP request to a WebSocket route.
    static let upgradeRequired = APIError(
        status: .upgradeRequired, code: "upgrade_required",
        message: "This path opens a WebSocket: send a WebSocket upgrade request.",
        headers: [.upgrade: "websocket"]
    )

    static func rateLimited(retryAfterSeconds: Int) -> APIError {
        APIError(
            status: .tooManyRequests, code: "rate_limited",
            message: "Too many requests; try again in \(retryAfterSeconds) seconds.",
            headers: [.retryAfter: String(retryAfterSeconds)]
        )
    }
}
