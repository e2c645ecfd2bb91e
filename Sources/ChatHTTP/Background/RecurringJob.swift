import Logging
import ServiceLifecycle

/// A piece of housekeeping the server runs on a timer, for the whole server and never per
/// client: a few queries per run. A failed run is logged and the next one comes on time.
struct RecurringJob: Service {
    /// What the log calls it when a run fails.
    let name: String
    let interval: Duration
    let logger: Logger
    let work: @Sendable () async throws -> Void

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await work()
            } catch {
                logger.error("\(name) failed", metadata: ["error": "\(error)"])
            }
            // A graceful shutdown ends the wait too: an hourly job must not hold it for an hour.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
