import ChatCore
import Foundation
import HTTPTypes
import Hummingbird

/// Errors in the shape IPTP's clients receive (a Spring-style body), with Parley's stable
/// `code` added: `{"timestamp", "status", "error", "message", "details", "path", "code"}`;
/// XM's web client shows `details`.
enum IPTPError {
    struct Body: Encodable {
        let timestamp: String
        let status: Int
        let error: String
        let message: String
        let details: String
        let path: String
        let code: String
    }

    /// Core fields as IPTP's requests spell them: the client message id is `clientId`.
    @Sendable static func fieldName(_ field: ChatField) -> String {
        switch field {
        case .clientMessageID: "clientId"
        case .quotedMessage: "quotedMessageId"
        default: field.nativeName
        }
    }

    @Sendable static func render(_ report: ErrorReport, _ request: Request) -> Response {
        report.response(Body(
            timestamp: Date().iso8601, status: report.status.code, error: report.status.reasonPhrase,
            message: report.message, details: report.message, path: request.uri.path, code: report.code
        ))
    }
}

/// Agents of the XM API send their token in `X-Authorization-Token` rather than `Authorization`.
/// As with `Authorization`, an invalid token leaves the request unauthenticated: public
/// routes serve it, the others answer 401.
struct IPTPTokenMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.principal == nil, let token = request.headers[Self.tokenHeader] else {
            return try await next(request, context)
        }
        var context = context
        context.principal = try await auth.principalIfValid(token)
        return try await next(request, context)
    }

    static let tokenHeader = HTTPField.Name("X-Authorization-Token")!
}
