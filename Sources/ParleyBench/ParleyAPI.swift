import AsyncHTTPClient
import Foundation

/// Why a request to the server failed, worded for a person reading the terminal.
struct BenchError: Error, CustomStringConvertible {
    /// The HTTP status, when the server answered at all.
    let status: Int?
    /// The server's error code (`rate_limited`, `invalid_credentials`, ...), when it sent one.
    let code: String?
    let description: String

    /// A short key for counting errors by kind during the run.
    var kind: String {
        if let status { return "HTTP \(status)" + (code.map { " \($0)" } ?? "") }
        return code ?? "transport"
    }
}

/// A thin JSON client for Parley's native API. Every request goes to `baseURL` and
/// nowhere else (the shared client does not follow redirects).
struct ParleyAPI: Sendable {
    let http: HTTPClient
    let baseURL: String

    private static let encoder = JSONEncoder()

    /// POSTs `body` as JSON and decodes a 200/201 answer as `Response`.
    func post<Body: Encodable & Sendable, Response: Decodable>(
        _ path: String, _ body: Body, token: String? = nil, timeout: Int64 = 15,
        as: Response.Type = Response.self
    ) async throws -> Response {
        try await send("POST", path, body, token: token, timeout: timeout)
    }

    /// PUTs `body` as JSON and decodes a 200 answer as `Response`.
    func put<Body: Encodable & Sendable, Response: Decodable>(
        _ path: String, _ body: Body, token: String? = nil, as: Response.Type = Response.self
    ) async throws -> Response {
        try await send("PUT", path, body, token: token, timeout: 15)
    }

    private func send<Body: Encodable & Sendable, Response: Decodable>(
        _ method: String, _ path: String, _ body: Body, token: String?, timeout: Int64
    ) async throws -> Response {
        let data: Data
        do {
            data = try Self.encoder.encode(body)
        } catch {
            throw BenchError(status: nil, code: "encode", description: "\(method) \(path): cannot encode the body: \(error)")
        }
        let (_, payload) = try await perform(method, path, body: data, token: token, timeout: timeout)
        return try decode(Response.self, payload, "\(method) \(path)")
    }

    /// GETs `path` and decodes a 200 answer; also returns when the body had fully arrived.
    func get<Response: Decodable>(
        _ path: String, token: String? = nil, timeout: Int64 = 15, as: Response.Type = Response.self
    ) async throws -> (Response, ContinuousClock.Instant) {
        let (arrived, payload) = try await perform("GET", path, body: nil, token: token, timeout: timeout)
        return (try decode(Response.self, payload, "GET \(path)"), arrived)
    }

    private func perform(
        _ method: String, _ path: String, body: Data?, token: String?, timeout: Int64
    ) async throws -> (ContinuousClock.Instant, Data) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "parley-bench")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let label = "\(method) \(path.split(separator: "?").first.map(String.init) ?? path)"
        let status: Int
        let payload: Data
        do {
            let response = try await http.execute(request, timeout: .seconds(timeout))
            status = Int(response.status.code)
            let buffer = try await response.body.collect(upTo: 16 << 20)
            payload = Data(buffer.readableBytesView)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw BenchError(
                status: nil, code: Self.transportKind(error),
                description: "\(label): no answer from \(baseURL): \(Self.describe(error))"
            )
        }
        let arrived = ContinuousClock.now
        guard (200..<300).contains(status) else {
            let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: payload)
            let detail = envelope.map { "\($0.error.code): \($0.error.message)" }
                ?? String(decoding: payload.prefix(200), as: UTF8.self)
            throw BenchError(status: status, code: envelope?.error.code, description: "\(label) -> HTTP \(status) \(detail)")
        }
        return (arrived, payload)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ payload: Data, _ label: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: payload)
        } catch {
            let start = String(decoding: payload.prefix(200), as: UTF8.self)
            throw BenchError(status: nil, code: "decode", description: "\(label): unexpected answer (\(error)): \(start)")
        }
    }

    /// AsyncHTTPClient's errors describe themselves tersely; make the common ones readable.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") {
            return "connection refused (is the Parley server running and listening there?) [\(text)]"
        }
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") {
            return "timed out [\(text)]"
        }
        return text
    }

    static func transportKind(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("refused") { return "connection refused" }
        if text.contains("deadlineExceeded") || text.contains("Timeout") { return "timeout" }
        if text.contains("remoteConnectionClosed") { return "connection closed" }
        return "transport"
    }
}
