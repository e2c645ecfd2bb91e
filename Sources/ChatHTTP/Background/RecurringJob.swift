import Logging
import ServiceLifecycle

/// A piece of housekeeping the server runs on a timer, for the whole server and never per
/// client: a few queries per run. A failed run is logged and the next one comes on time.
struct RecurringJob: Service {
    /// What the log calls it when a run fails.
    let name: String
    let interval: Duration
    let logger: Logger
    /// Every how many runs `work` is told it is on a "long" run (the first run is one).
    var everyNth = 1
    let work: @Sendable (_ isNth: Bool) async throws -> Void

    func run() async throws {
        var runs = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            defer { runs += 1 }
            do {
                try await work(runs % everyNth == 0)
            } catch {
                logger.error("\(name) failed", metadata: ["error": "\(error)"])
            }
            // A graceful shutdown ends the wait too: an hourly job must not hold it for an hour.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
