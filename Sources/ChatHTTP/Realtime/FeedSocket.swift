import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// Why the server closed a feed's WebSocket: the close code and reason its client sees.
/// After any of them the client may reconnect from the last cursor it received.
enum SocketClosure: Equatable {
    /// The token expired or its session was revoked: refresh the token first (4401).
    case unauthenticated
    /// The agent's departments or admin flag changed: reconnect to read with the new rights (4403).
    case rightsChanged
    /// The client did not read its messages within the write deadline (4408).
    case slowConsumer
    /// A newer feed of the same session took this one's place (1008, `replaced`).
    case replaced
    /// The client's address already holds as many feeds as it may (1008, `too_many_feeds`).
    case tooManyFeeds

    var code: WebSocketErrorCode {
        switch self {
        case .unauthenticated: .unknown(4401)
        case .rightsChanged: .unknown(4403)
        case .slowConsumer: .unknown(4408)
        case .replaced, .tooManyFeeds: .policyViolation
        }
    }

    var reason: String {
        switch self {
        case .unauthenticated: "unauthenticated"
        case .rightsChanged: "rights_changed"
        case .slowConsumer: "slow_consumer"
        case .replaced: "replaced"
        case .tooManyFeeds: "too_many_feeds"
        }
    }
}

/// A write to a socket that did not complete within the write deadline.
struct SlowConsumer: Error {}

/// The server's end of a feed WebSocket, whose writes wait for the reader at most
/// `writeTimeout`. The WebSocket writer waits for as long as the connection is not writable
/// (NIO's high-water mark), so a reader that never reads would hold its writer, and even its
/// close frame, forever: here a late write ends the feed and a close is forced.
struct FeedSocket: Sendable {
    let outbound: WebSocketOutboundWriter
    let channel: any Channel
    let writeTimeout: Duration
    /// How long a reader that falls behind has to read up to its close frame, so a client that
    /// comes back learns why it was closed; the connection then closes whether it did or not.
    static let closeGrace: Duration = .seconds(10)

    /// Writes one text message, or throws `SlowConsumer` when the reader has not let it through in time.
    func send(_ text: String) async throws {
        try await withinWriteDeadline { try await outbound.write(.text(text)) }
    }

    /// Sends a close frame with the closure's code; a reader that does not take it in time is closed by force.
    func close(_ closure: SocketClosure) async {
        do {
            try await withinWriteDeadline { try await outbound.close(closure.code, reason: closure.reason) }
        } catch {
            await forceClose(closure)
        }
    }

    /// Queues the close frame on the connection itself, behind what it already holds but past
    /// the writer that waits for the reader, so a reader that comes back still reads the code
    /// after its last message; then closes the connection once the frame is out, or after
    /// `closeGrace`.
    func forceClose(_ closure: SocketClosure) async {
        var payload = channel.allocator.buffer(capacity: 2 + closure.reason.utf8.count)
        payload.write(webSocketErrorCode: closure.code)
        payload.writeString(closure.reason)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)
        try? await Self.within(Self.closeGrace) { [channel] in try await channel.writeAndFlush(frame) }
        try? await channel.close()
    }

    private func withinWriteDeadline(_ write: @escaping @Sendable () async throws -> Void) async throws {
        try await Self.within(writeTimeout, write)
    }

    /// Runs `write`, or throws `SlowConsumer` once `timeout` has passed.
    private static func within(_ timeout: Duration, _ write: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await write()
                return true
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            let written = try await group.next() ?? false
            group.cancelAll()
            if !written { throw SlowConsumer() }
        }
    }
}
