import Synchronization

/// Shared bookkeeping of the measurement: when each message was sent, whether the server
/// accepted it, whether (and how often) an agent received it, and the latencies seen.
final class Recorder: Sendable {
    private struct Entry {
        var sentAt: ContinuousClock.Instant
        var acked = false
        var received = false
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var sent = 0
        var delivered = 0
        var duplicates = 0
        var unexpected = 0
        /// Accepted by the server but not yet received by an agent.
        var outstanding = 0
        var errors: [String: Int] = [:]
        /// The first full message seen of each error kind.
        var errorSamples: [String: String] = [:]
        var latenciesMs: [Double] = []
        var ignoredEvents = 0
    }

    private let state = Mutex(State())

    /// Called just before the POST goes out, so latency covers the whole send.
    func willSend(_ id: String, at instant: ContinuousClock.Instant) {
        state.withLock { $0.entries[id] = Entry(sentAt: instant) }
    }

    /// The server answered 201 for this message.
    func acked(_ id: String) {
        state.withLock { state in
            state.sent += 1
            guard var entry = state.entries[id] else { return }
            entry.acked = true
            if !entry.received { state.outstanding += 1 }
            state.entries[id] = entry
        }
    }

    /// The POST failed; the message counts as an error, not as sent.
    func sendFailed(_ id: String, error: any Error) {
        state.withLock { state in
            Self.count(error, as: "send", in: &state)
            if state.entries[id]?.received == false { state.entries[id] = nil }
        }
    }

    /// An agent saw the visitor's message with this client message id at `instant`.
    func received(_ id: String, at instant: ContinuousClock.Instant) {
        state.withLock { state in
            guard var entry = state.entries[id] else {
                state.unexpected += 1
                return
            }
            if entry.received {
                state.duplicates += 1
                return
            }
            entry.received = true
            state.delivered += 1
            if entry.acked { state.outstanding -= 1 }
            state.latenciesMs.append(Self.milliseconds(instant - entry.sentAt))
            state.entries[id] = entry
        }
    }

    func receiveFailed(_ error: any Error) {
        state.withLock { state in Self.count(error, as: "sync", in: &state) }
    }

    private static func count(_ error: any Error, as prefix: String, in state: inout State) {
        let kind = prefix + ": " + ((error as? BenchError)?.kind ?? "other")
        state.errors[kind, default: 0] += 1
        if state.errorSamples[kind] == nil { state.errorSamples[kind] = String(describing: error) }
    }

    /// Events an agent saw for chats it does not serve (other agents of a shared department).
    func ignored(_ count: Int) {
        guard count > 0 else { return }
        state.withLock { $0.ignoredEvents += count }
    }

    var outstanding: Int { state.withLock { $0.outstanding } }

    func snapshot() -> Summary {
        state.withLock { state in
            let missing = state.entries.values.filter { $0.acked && !$0.received }.count
            return Summary(
                sent: state.sent, delivered: state.delivered, missing: missing, duplicates: state.duplicates,
                unexpected: state.unexpected, errors: state.errors, errorSamples: state.errorSamples, latenciesMs: state.latenciesMs.sorted(),
                ignoredEvents: state.ignoredEvents
            )
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

/// The counts at the end of a run.
struct Summary: Sendable {
    let sent: Int
    let delivered: Int
    let missing: Int
    let duplicates: Int
    let unexpected: Int
    let errors: [String: Int]
    let errorSamples: [String: String]
    /// Sorted ascending.
    let latenciesMs: [Double]
    let ignoredEvents: Int

    var errorCount: Int { errors.values.reduce(0, +) }

    /// Nearest-rank percentile; nil without samples.
    func percentile(_ p: Double) -> Double? {
        guard !latenciesMs.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(latenciesMs.count)).rounded(.up))
        return latenciesMs[min(max(rank, 1), latenciesMs.count) - 1]
    }
}
