import ChatCore
import Foundation
import Hummingbird

/// The JSON error envelope: `{"error": {"code": "...", "message": "...", "field": "..."}}`.
struct ErrorEnvelope: Encodable {
    struct Body: Encodable {
        let code: String
        let message: String
        let field: String?
    }

    let error: Body
}

/// Renders every error as the JSON envelope with its status. Errors that are not the
/// caller's fault become a 500 `internal_error` and are logged in full, never shown.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ChatError {
            if case .storageUnavailable = error {
                context.logger.error("storage unavailable", metadata: ["error": "\(error)"])
            }
            return Self.response(error.status, code: error.code, message: error.description, field: error.field)
        } catch let error as APIError {
            var response = Self.response(error.status, code: error.code, message: error.message)
            response.headers.append(contentsOf: error.headers)
            return response
        } catch let error as HTTPError {
            return Self.response(error.status, code: Self.code(for: error.status), message: error.body ?? Self.message(for: error.status))
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return Self.response(.internalServerError, code: "internal_error", message: "Something went wrong on the server.")
        }
    }

    static func response(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil) -> Response {
        let envelope = ErrorEnvelope(error: .init(code: code, message: message, field: field))
        let data = (try? JSONEncoder().encode(envelope)) ?? Data()
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    private static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .contentTooLarge: "body_too_large"
        case .unauthorized: "unauthenticated"
        case .badRequest: "malformed_request"
        default: "http_\(status.code)"
        }
    }

    private static func message(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "No such resource."
        case .methodNotAllowed: "This method is not allowed here."
        default: status.reasonPhrase
        }
    }
}
