import ChatCore
import Foundation
import Hummingbird

/// Liveness, readiness and the API description.
struct SystemController {
    /// Succeeds when the database answers.
    let pingDatabase: @Sendable () async throws -> Void

    struct Status: ResponseCodable {
        let status: String
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("healthz") { _, _ in Status(status: "ok") }
        router.get("readyz", use: ready)
        router.get("openapi.yaml", use: openAPI)
    }

    @Sendable func ready(_ request: Request, context: ParleyRequestContext) async throws -> Status {
        do {
            try await pingDatabase()
        } catch {
            context.logger.warning("database unreachable", metadata: ["error": "\(error)"])
            throw ChatError.storageUnavailable
        }
        return Status(status: "ready")
    }

    @Sendable func openAPI(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let data = try? Data(contentsOf: url)
        else { throw HTTPError(.notFound) }
        return Response(
            status: .ok,
            headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
