import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ParleyTestSupport
import Synchronization

/// A stand-in for an external HTTP receiver (RapidPro, a webhook endpoint) on 127.0.0.1:
/// it records every request and answers with the statuses it is told to, in order, then 200.
final class StandInReceiver: Sendable {
    /// One request as received.
    struct Received: Sendable {
        /// Header names in lower case.
        let path: String
        let headers: [String: String]
        let body: String
    }

    /// An answer to give: a status and extra headers (`Retry-After`).
    struct Answer: Sendable {
        let status: Int
        var headers: [String: String] = [:]
    }

    private let state = Mutex<(answers: [Answer], received: [Received])>(([], []))
    private let boundPort = Mutex<Int?>(nil)

    /// Answers to give before answering 200.
    func answer(_ answers: [Answer]) {
        state.withLock { $0.answers += answers }
    }

    var received: [Received] {
        state.withLock { $0.received }
    }

    /// Requests that were answered 2xx.
    var accepted: [Received] {
        let indexes = acceptedIndexes.withLock { $0 }
        return received.enumerated().filter { indexes.contains($0.offset) }.map(\.element)
    }

    private let acceptedIndexes = Mutex<Set<Int>>([])

    var port: Int { boundPort.withLock { $0 } ?? 0 }
    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts the receiver, runs `body` with it, and stops it.
    static func run<T: Sendable>(_ body: @Sendable (StandInReceiver) async throws -> T) async throws -> T {
        let receiver = StandInReceiver()
        let router = Router()
        let handle: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            return receiver.record(path: request.uri.path, headers: request.headers, body: String(buffer: bytes))
        }
        // "**" matches every path but the root.
        router.post("/", use: handle)
        router.post("**", use: handle)
        var logger = Logger(label: "stand-in")
        // Stopping it by cancellation makes the server log errors no test cares about.
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in receiver.boundPort.withLock { $0 = channel.localAddress?.port } }, logger: logger
        )
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        try await waitUntil("the stand-in receiver to listen") { receiver.port != 0 }
        return try await body(receiver)
    }

    private func record(path: String, headers: HTTPFields, body: String) -> Response {
        var fields: [String: String] = [:]
        for field in headers { fields[field.name.canonicalName] = field.value }
        let (answer, index) = state.withLock { state -> (Answer, Int) in
            state.received.append(Received(path: path, headers: fields, body: body))
            let answer = state.answers.isEmpty ? Answer(status: 200) : state.answers.removeFirst()
            return (answer, state.received.count - 1)
        }
        if (200..<300).contains(answer.status) { acceptedIndexes.withLock { _ = $0.insert(index) } }
        var responseHeaders = HTTPFields()
        for (name, value) in answer.headers {
            if let name = HTTPField.Name(name) { responseHeaders[name] = value }
        }
        return Response(status: .init(code: answer.status), headers: responseHeaders)
    }
}
