/// Where the core reports a failure it does not pass on to its caller: follow-up work after a
/// commit (routing a new chat), which the request does not depend on and a background sweep retries.
public protocol FailureReporter: Sendable {
    /// `work` says what failed in a few words; `details` are ids that help find it (never secrets).
    func report(_ error: any Error, during work: String, details: [String: String])
}
