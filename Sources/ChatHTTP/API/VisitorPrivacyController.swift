import ChatCore
import Foundation
import Hummingbird

/// `/v1/visitors/{id}/export` and `DELETE /v1/visitors/{id}`: admins hand a visitor its data
/// or erase it.
struct VisitorPrivacyController {
    let privacy: VisitorPrivacyService

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("visitors/:visitorId/export", use: export)
        router.delete("visitors/:visitorId", use: erase)
    }

    @Sendable func export(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<VisitorExportResponse> {
        let id = try visitorID(context)
        let export = try await privacy.export(id, by: try context.requirePrincipal())
        return EditedResponse(
            // The stored id, one Parley generated (hex), is safe inside the quoted file name.
            headers: [.contentDisposition: "attachment; filename=\"visitor-\(export.record.visitor.id.rawValue).json\""],
            response: VisitorExportResponse(export, at: Date())
        )
    }

    @Sendable func erase(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        try await privacy.erase(try visitorID(context), by: try context.requirePrincipal())
        return .noContent
    }

    private func visitorID(_ context: ParleyRequestContext) throws -> VisitorID {
        VisitorID(try context.parameters.required("visitorId"))
    }
}
