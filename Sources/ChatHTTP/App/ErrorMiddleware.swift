import ChatCore
import Foundation
import Hummingbird
import Logging

/// How a face spells each core field on its wire.
typealias FieldNaming = @Sendable (ChatField) -> String

/// An error as every face reports it: status, stable code, message, and the field at fault.
struct ErrorReport {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var field: String?
    var headers: HTTPFields = [:]

    /// Describes any error, naming core fields with `naming`. Errors that are not the caller's
    /// fault become a 500 `internal_error` and are logged in full, never shown.
    init(_ error: any Error, naming: FieldNaming = { $0.nativeName }, logger: Logger) {
        switch error {
        case let error as ChatError:
            if case .storageUnavailable = error {
                logger.error("storage unavailable", metadata: ["error": "\(error)"])
            }
            self.init(
                status: error.status, code: error.code, message: error.message(naming: naming),
                field: error.field.map(naming), headers: error.headers
            )
        case let error as APIError:
            self.init(status: error.status, code: error.code, message: error.message, field: error.field, headers: error.headers)
        case let error as HTTPError:
            self.init(status: error.status, code: Self.code(for: error.status), message: error.body ?? Self.message(for: error.status))
        default:
            logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            self.init(status: .internalServerError, code: "internal_error", message: "Something went wrong on the server.")
        }
    }

    private init(status: HTTPResponse.Status, code: String, message: String, field: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    /// A JSON response with this report's status and headers.
    func response(_ body: some Encodable) -> Response {
        Self.json(body, status: status, headers: headers)
    }

    /// `body` as a JSON response.
    static func json(_ body: some Encodable, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        let data = (try? JSONEncoder().encode(body)) ?? Data()
        var response = Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
        response.headers.append(contentsOf: headers)
        return response
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

/// The native API's error envelope: `{"error": {"code": "...", "message": "...", "field": "..."}}`.
struct ErrorEnvelope: Encodable {
    struct Body: Encodable {
        let code: String
        let message: String
        let field: String?
    }

    let error: Body

    init(_ report: ErrorReport) {
        error = Body(code: report.code, message: report.message, field: report.field)
    }
}

/// Renders every error the routes behind it throw: in the native envelope by default, or in
/// a vendor face's own shape, with core fields named as that face's wire spells them.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let naming: FieldNaming
    let render: @Sendable (ErrorReport, Request) -> Response

    init(
        naming: @escaping FieldNaming = { $0.nativeName },
        render: @escaping @Sendable (ErrorReport, Request) -> Response = { report, _ in report.response(ErrorEnvelope(report)) }
    ) {
        self.naming = naming
        self.render = render
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return render(ErrorReport(error, naming: naming, logger: context.logger), request)
        }
    }
}
