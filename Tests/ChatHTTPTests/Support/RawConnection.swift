import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A TCP client that speaks HTTP and WebSocket by hand, to play the clients the ordinary ones
/// never are: one that sends half a request, a malformed header, or never reads.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let received: Received

    private init(channel: any Channel, received: Received) {
        self.channel = channel
        self.received = received
    }

    /// Connects to the server on loopback. Without `reading`, nothing is read until
    /// `startReading`, and a small receive buffer makes the server's writes stall early.
    static func connect(port: Int, reading: Bool = true) async throws -> RawConnection {
        let received = Received()
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.autoRead, value: reading)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Collector(received)) }
            }
        if !reading {
            bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: 4096)
        }
        let channel = try await bootstrap.connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, received: received)
    }

    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Opens a WebSocket on `path` with the upgrade request a browser would send.
    func sendWebSocketHandshake(_ path: String) async throws {
        try await send(
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
    }

    func startReading() async throws {
        try await channel.setOption(.autoRead, value: true).get()
        channel.read()
    }

    /// Whether the server closed the connection within `limit`.
    func closed(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while !received.isClosed, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return received.isClosed
    }

    /// What the server sent so far.
    var text: String {
        String(decoding: received.bytes, as: UTF8.self)
    }

    var bytes: [UInt8] {
        received.bytes
    }

    func close() async {
        try? await channel.close()
    }
}

/// The bytes a connection received, and whether the server closed it.
private final class Received: Sendable {
    private let state = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))

    func append(_ buffer: ByteBuffer) { state.withLock { $0.bytes += buffer.readableBytesView } }
    func close() { state.withLock { $0.closed = true } }
    var bytes: [UInt8] { state.withLock { $0.bytes } }
    var isClosed: Bool { state.withLock { $0.closed } }
}

private final class Collector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let received: Received

    init(_ received: Received) {
        self.received = received
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received.append(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        received.close()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// The server's side of a WebSocket as `RawConnection` received it: the upgrade response,
/// then unmasked frames.
struct ServerFrames {
    var texts: [String] = []
    /// The close frame's code and reason, if one arrived.
    var close: (code: UInt16, reason: String)?

    init(_ bytes: [UInt8]) {
        guard let headEnd = Self.endOfHead(bytes) else { return }
        var index = headEnd
        while index + 2 <= bytes.count {
            let opcode = bytes[index] & 0x0F
            var length = Int(bytes[index + 1] & 0x7F)
            var start = index + 2
            if length == 126 {
                guard start + 2 <= bytes.count else { return }
                length = Int(bytes[start]) << 8 | Int(bytes[start + 1])
                start += 2
            } else if length == 127 {
                guard start + 8 <= bytes.count else { return }
                length = bytes[start..<start + 8].reduce(0) { $0 << 8 | Int($1) }
                start += 8
            }
            guard start + length <= bytes.count else { return }
            let payload = Array(bytes[start..<start + length])
            switch opcode {
            case 0x1: texts.append(String(decoding: payload, as: UTF8.self))
            case 0x8 where payload.count >= 2:
                close = (UInt16(payload[0]) << 8 | UInt16(payload[1]), String(decoding: payload.dropFirst(2), as: UTF8.self))
                return
            default: break
            }
            index = start + length
        }
    }

    private static func endOfHead(_ bytes: [UInt8]) -> Int? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4) where Array(bytes[index..<index + 4]) == marker {
            return index + 4
        }
        return nil
    }
}
