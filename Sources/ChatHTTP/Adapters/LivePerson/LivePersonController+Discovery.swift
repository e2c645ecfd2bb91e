import ChatCore
import Foundation
import Hummingbird

/// LivePerson's domain API (CSDS): which host serves each of an account's services. Parley
/// serves them all itself, so every service name is answered with Parley's own host, as the
/// client reached it.
extension LivePersonController {
    /// The services the list form names, those LivePerson's clients look up most.
    static let serviceNames = [
        "agentVep", "adminArea", "liveEngage", "liveEngageUI", "leDataReporting", "accountConfigReadOnly",
        "accountConfigReadWrite", "asyncMessagingEnt", "msgHist", "engHistDomain", "smt", "sentinel", "idp",
    ]

    func addDiscoveryRoutes(to router: Router<Context>) {
        let account = router.group("csdr/account/:accountId/service")
            .add(middleware: ErrorMiddleware(naming: LPError.fieldName, render: LPError.render))
            .add(middleware: LPAccountMiddleware(accountID: settings.accountID))
        account.get("baseURI", use: allDomains)
        account.get(":service/baseURI", use: domain)
    }

    /// `GET /csdr/account/{accountId}/service/{service}/baseURI?version=1.0` → `{"baseURI": "host[:port]"}`.
    @Sendable func domain(_ request: Request, context: Context) async throws -> Response {
        let service = try context.parameters.required("service")
        guard (1...64).contains(service.utf8.count), service.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw APIError(status: .notFound, code: "service_not_found", message: "No service has this name.")
        }
        return request.livePersonFormat.response(.document("baseURI", .string(settings.origin.domain(request, context))))
    }

    /// `GET /csdr/account/{accountId}/service/baseURI?version=1.0` → `{"baseURIs": [{service, account, baseURI}]}`.
    @Sendable func allDomains(_ request: Request, context: Context) async throws -> Response {
        request.livePersonFormat.response(.document("baseURIs", domains(request, context)))
    }

    /// Every service of `serviceNames` on Parley's host, as the list form and the login answer them.
    func domains(_ request: Request, _ context: Context) -> LPNode {
        let host = LPNode.string(settings.origin.domain(request, context))
        return .array(Self.serviceNames.map { name in
            .fields(["service": .string(name), "account": .string(settings.accountID), "baseURI": host])
        })
    }
}
