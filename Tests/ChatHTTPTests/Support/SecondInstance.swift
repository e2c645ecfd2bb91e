import ChatCore
import ChatHTTP
import Foundation
import Logging
import ParleyTestSupport
import ServiceLifecycle

/// Another Parley instance on a test world's database, with its own services and bus
/// connection, as a second server behind a load balancer would be.
struct SecondInstance: Sendable {
    let services: ParleyServices
    private let bus: Task<Void, any Error>

    /// Opens it, reading the world's clock, and returns once notices cross between the two
    /// buses both ways (on PostgreSQL, once both LISTEN).
    static func open(beside world: TestWorld) async throws -> SecondInstance {
        var logger = Logger(label: "parley-test-other")
        logger.logLevel = world.config.logLevel
        let services = try await ParleyServices.open(world.config, logger: logger, overrides: .init(now: world.clock.reading))
        let bus = Task { _ = try await (services.bus as? any Service)?.run() }
        let instance = SecondInstance(services: services, bus: bus)
        do {
            try await awaitCrossing(from: services.bus, to: world.services.bus)
            try await awaitCrossing(from: world.services.bus, to: services.bus)
        } catch {
            await instance.close()
            throw error
        }
        return instance
    }

    func close() async {
        bus.cancel()
        await services.storage.close()
    }
}
