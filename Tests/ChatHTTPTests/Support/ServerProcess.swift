import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import ParleyTestSupport

/// The built `parley` binary run as a separate process, for tests that kill it.
final class ServerProcess: Sendable {
    private let process: Process
    let port: Int

    /// The executable next to the test bundle (`swift build --build-tests` builds both).
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("parley")
    }

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// Starts `parley serve` with `environment` on a free port, its output in `logDirectory`,
    /// and returns once it answers `/readyz`.
    static func start(environment: [String: String], logDirectory: URL, name: String) async throws -> ServerProcess {
        let port = try await freePort()
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve"]
        process.environment = environment.merging(["PARLEY_PORT": String(port), "PARLEY_HOST": "127.0.0.1"]) { $1 }
        let log = logDirectory.appendingPathComponent("\(name).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let server = ServerProcess(process: process, port: port)
        try await waitUntil("parley to answer /readyz (log: \(log.path))", within: .seconds(60)) {
            guard process.isRunning else { return false }
            return (try? await server.request(.GET, "/readyz").status) == .ok
        }
        return server
    }

    /// `kill -9`: no shutdown, nothing flushed.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then waits for the graceful shutdown to end.
    func stop() async throws {
        process.terminate()
        try await waitUntil("parley to exit", within: .seconds(30)) { !process.isRunning }
    }

    func request(_ method: HTTPMethod, _ path: String, json: (any Encodable)? = nil, token: String? = nil) async throws -> (status: HTTPResponseStatus, body: Data) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(json)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status, Data(body.readableBytesView))
    }

    /// A port nothing listens on now (bound, read and released).
    private static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}
