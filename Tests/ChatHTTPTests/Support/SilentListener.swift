import NIOCore
import NIOPosix
import Synchronization

/// A receiver that accepts connections and reads requests but never answers: a hung service.
final class SilentListener: Sendable {
    private let channel: any Channel
    private let counter: Counter

    private init(channel: any Channel, counter: Counter) {
        self.channel = channel
        self.counter = counter
    }

    /// Starts listening on a free loopback port.
    static func start() async throws -> SilentListener {
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(counter) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return SilentListener(channel: channel, counter: counter)
    }

    var url: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)" }
    /// Bytes received over every connection so far.
    var bytesReceived: Int { counter.bytes.withLock { $0 } }

    func stop() async {
        try? await channel.close()
    }

    /// Counts what arrives and says nothing.
    private final class Counter: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let bytes = Mutex(0)

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            bytes.withLock { $0 += buffer.readableBytes }
        }
    }
}
