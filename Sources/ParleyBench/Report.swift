import Foundation

/// What a finished run prints: a few lines of text, or one JSON object with `--json`.
struct Report: Encodable {
    struct Latency: Encodable {
        let samples: Int
        let p50: Double?
        let p95: Double?
        let p99: Double?
        let max: Double?
        let mean: Double?
    }

    let server: String
    let receiver: String
    let conversations: Int
    let agents: Int
    let departmentPerAgent: Bool
    let durationSeconds: Double
    let intervalMs: Int
    let sent: Int
    let delivered: Int
    let missing: Int
    let duplicates: Int
    let unexpected: Int
    let errors: Int
    let errorKinds: [String: Int]
    /// The first message of each error kind.
    let errorSamples: [String: String]
    let otherAgentsEvents: Int
    let throughputPerSecond: Double
    let latencyMs: Latency

    init(options: BenchCommand, agents: Int, sendPhase: Duration, summary: Summary) {
        server = options.baseURL
        receiver = options.receiver.rawValue
        conversations = options.conversations
        self.agents = agents
        departmentPerAgent = options.departmentPerAgent
        let seconds = Recorder.milliseconds(sendPhase) / 1000
        durationSeconds = Self.round(seconds)
        intervalMs = options.intervalMs
        sent = summary.sent
        delivered = summary.delivered
        missing = summary.missing
        duplicates = summary.duplicates
        unexpected = summary.unexpected
        errors = summary.errorCount
        errorKinds = summary.errors
        errorSamples = summary.errorSamples
        otherAgentsEvents = summary.ignoredEvents
        throughputPerSecond = Self.round(seconds > 0 ? Double(summary.delivered) / seconds : 0)
        let samples = summary.latenciesMs
        latencyMs = Latency(
            samples: samples.count, p50: summary.percentile(50).map(Self.round), p95: summary.percentile(95).map(Self.round),
            p99: summary.percentile(99).map(Self.round), max: samples.last.map(Self.round),
            mean: samples.isEmpty ? nil : Self.round(samples.reduce(0, +) / Double(samples.count))
        )
    }

    /// Three decimals are plenty for milliseconds and seconds alike.
    private static func round(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }

    var text: String {
        func ms(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "-" }
        var lines = [
            "parley-bench: \(conversations) conversations, \(agents) agents, \(String(format: "%.1f", durationSeconds)) s, "
                + "receiver \(receiver), server \(server)",
            "sent \(sent)  delivered \(delivered)  missing \(missing)  duplicates \(duplicates)  errors \(errors)",
            "throughput \(String(format: "%.1f", throughputPerSecond)) delivered msg/s",
            "latency ms  p50 \(ms(latencyMs.p50))  p95 \(ms(latencyMs.p95))  p99 \(ms(latencyMs.p99))  max \(ms(latencyMs.max))",
        ]
        if unexpected > 0 {
            lines.append("unexpected \(unexpected) (messages received whose send had failed or was unknown)")
        }
        if otherAgentsEvents > 0 {
            lines.append("note: agents also received \(otherAgentsEvents) messages of colleagues' chats in the shared department "
                + "(not counted; use --department-per-agent to avoid this fan-out)")
        }
        for (kind, count) in errorKinds.sorted(by: { $0.value > $1.value }).prefix(5) {
            lines.append("  error \(count)x \(kind)" + (errorSamples[kind].map { "  e.g. \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
