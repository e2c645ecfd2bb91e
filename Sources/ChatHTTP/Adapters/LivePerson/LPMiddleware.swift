import ChatCore
import Foundation
import Hummingbird

/// Errors under `/api/account` in the client's format: `{"error": {"time", "message", "code"}}`.
enum LPError {
    /// Core fields as the client's requests spell them: a transfer's note is its `text`.
    @Sendable static func fieldName(_ field: ChatField) -> String {
        switch field {
        case .transferNote: "text"
        default: field.nativeName
        }
    }

    @Sendable static func render(_ report: ErrorReport, _ request: Request) -> Response {
        let body = LPNode.document("error", .fields([
            "time": .string(Date().livePersonTime), "message": .string(report.message), "code": .string(report.code),
        ]))
        return request.livePersonFormat.response(body, status: report.status, headers: report.headers)
    }
}

/// Only the configured account exists; any other account id is 404.
struct LPAccountMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    let accountID: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.parameters.get("accountId") == accountID else {
            throw APIError(status: .notFound, code: "account_not_found", message: "No account has this id.")
        }
        return try await next(request, context)
    }
}
