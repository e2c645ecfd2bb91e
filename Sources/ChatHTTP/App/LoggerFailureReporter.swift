import ChatCore
import Logging

/// Reports the core's unreturned failures in the server's log.
struct LoggerFailureReporter: FailureReporter {
    let logger: Logger

    func report(_ error: any Error, during work: String, details: [String: String]) {
        var metadata: Logger.Metadata = ["error": "\(error)"]
        for (key, value) in details {
            metadata[key] = "\(value)"
        }
        logger.error("\(work) failed", metadata: metadata)
    }
}
