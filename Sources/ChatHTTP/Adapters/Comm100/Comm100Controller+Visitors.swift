import ChatCore
import Foundation
import Hummingbird

/// The visitors half of Comm100's Live Chat API (`/livechat/visitors`): the visitors on the site,
/// one visitor, and the custom variables agents set on it. Agents only.
extension Comm100Controller {
    func addVisitorRoutes(to livechat: RouterGroup<ParleyRequestContext>) {
        livechat.get("visitors", use: visitors)
        livechat.get("visitors/:visitorId", use: visitor)
        livechat.put("visitors/:visitorId", use: setCustomVariables)
    }

    /// A bare array of the visitors on the site or in a chat; `?status=` keeps those in one
    /// Comm100 status (any of them, including those Parley never produces).
    @Sendable func visitors(_ request: Request, context: ParleyRequestContext) async throws -> Comm100OrderedJSON<[Comm100Wire.Visitor]> {
        let agent = try Self.agent(context)
        let status = try request.uri.queryParameters["status"].map { try Self.status(String($0)) }
        let now = Date()
        return Comm100OrderedJSON(try await services.visitors.currentVisitors(status: status, by: agent).map { Comm100Wire.Visitor($0, now: now) })
    }

    @Sendable func visitor(_ request: Request, context: ParleyRequestContext) async throws -> Comm100OrderedJSON<Comm100Wire.Visitor> {
        let agent = try Self.agent(context)
        return Comm100OrderedJSON(Comm100Wire.Visitor(try await services.visitors.visitor(try Self.visitorID(context), by: agent), now: Date()))
    }

    /// Replaces the visitor's custom variables with the body's `[{name, value?, url?}]`. A body the
    /// core refuses (too many, too long, a blank name) is the client's malformed request: 400.
    @Sendable func setCustomVariables(_ request: Request, context: ParleyRequestContext) async throws -> Comm100OrderedJSON<Comm100Wire.Visitor> {
        var request = request
        let agent = try Self.agent(context)
        let id = try Self.visitorID(context)
        let body = try await request.decodeJSON([Comm100Wire.CustomVariableRequest].self, limit: limits.maxBodyBytes)
        do {
            let updated = try await services.visitors.setCustomVariables(body.map(\.variable), of: id, by: agent)
            return Comm100OrderedJSON(Comm100Wire.Visitor(updated, now: Date()))
        } catch let error as ChatError {
            guard case .invalidField = error else { throw error }
            throw APIError(
                status: .badRequest, code: error.code, message: error.message(naming: Self.fieldName), field: error.field.map(Self.fieldName)
            )
        }
    }

    /// The caller, who must be an agent: Comm100's API has no visitor side.
    private static func agent(_ context: ParleyRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard principal.agent != nil else { throw ChatError.forbidden(reason: "Only agents use the Comm100 Live Chat API.") }
        return principal
    }

    private static func visitorID(_ context: ParleyRequestContext) throws -> VisitorID {
        Comm100GUID.visitorID(try context.parameters.required("visitorId"))
    }

    /// A Comm100 visitor status, spelled as Comm100 does but in any case.
    private static func status(_ text: String) throws -> VisitorStatus {
        guard let status = VisitorStatus.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }) else {
            throw APIError.badRequest(
                "Query parameter 'status' must be one of \(VisitorStatus.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        return status
    }
}
