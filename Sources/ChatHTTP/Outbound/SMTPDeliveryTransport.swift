import ChatCore
import NIOCore
import NIOPosix
import NIOSSL

/// Sends email deliveries to the configured SMTP server, one connection per message, in plain
/// SMTP, with STARTTLS or over TLS (`SMTPSecurity`). The whole conversation, connecting
/// included, must end within `timeout`; a server that answers 4xx, hangs, cannot be reached
/// or fails the TLS handshake is tried again later, one that answers 5xx makes a dead letter.
struct SMTPDeliveryTransport: Sendable {
    let settings: SMTPSettings
    let timeout: Duration

    private struct TimedOut: Error {}
    private struct ConnectionClosed: Error {}

    func send(_ delivery: Delivery, to address: String) async -> DeliveryOutcome {
        guard let host = settings.host, settings.isConfigured else {
            return .rejected(reason: "no SMTP server is configured (PARLEY_SMTP_HOST, PARLEY_SMTP_FROM)")
        }
        // An account is only ever sent over TLS.
        if settings.credentials != nil, settings.security == .off {
            return .rejected(reason: "SMTP credentials are only sent over TLS (PARLEY_SMTP_TLS)")
        }
        let clientName = settings.from.split(separator: "@").last.map(String.init) ?? "localhost"
        let dialogue = SMTPDialogue(
            clientName: clientName, from: settings.from, to: address, message: delivery.payload,
            upgrades: settings.security == .startTLS, credentials: settings.credentials
        )
        do {
            let tls = settings.security == .off ? nil : try tlsContext()
            return try await withTimeout { try await converse(dialogue, host: host, tls: tls) }
        } catch is TimedOut {
            return .failed(reason: "the SMTP server did not finish within \(timeout)", retryAfter: nil)
        } catch is ConnectionClosed {
            return .failed(reason: "the SMTP server closed the connection", retryAfter: nil)
        } catch let error as SMTPReplyParser.Malformed {
            return .failed(reason: "the SMTP server sent \(error.description)", retryAfter: nil)
        } catch let error as NIOSSLError {
            return .failed(reason: "TLS with the SMTP server failed: \(error)", retryAfter: nil)
        } catch {
            return .failed(reason: "could not talk to the SMTP server at \(host):\(settings.port): \(type(of: error))", retryAfter: nil)
        }
    }

    private func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = settings.trustRootsFile { configuration.trustRoots = .file(file) }
        return try NIOSSLContext(configuration: configuration)
    }

    private func converse(_ start: SMTPDialogue, host: String, tls: NIOSSLContext?) async throws -> DeliveryOutcome {
        let (seconds, _) = timeout.components
        // A certificate is checked against the name; an address literal is checked as an address (no SNI).
        let serverName = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        let implicitTLS = settings.security == .tls ? tls : nil
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(max(1, seconds)))
            .connect(host: host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let connection = channel.channel
        return try await channel.executeThenClose { inbound, outbound in
            var dialogue = start
            var parser = SMTPReplyParser()
            var pending: [SMTPReply] = []
            var bytes = inbound.makeAsyncIterator()
            while true {
                while pending.isEmpty {
                    guard let buffer = try await bytes.next() else { throw ConnectionClosed() }
                    pending = try parser.consume(buffer.readableBytesView)
                }
                switch dialogue.receive(pending.removeFirst()) {
                case .send(let text):
                    try await outbound.write(ByteBuffer(string: text))
                case .startTLS(let text):
                    guard let tls else { throw ConnectionClosed() }
                    // Nearest the socket, so that every byte from here on is encrypted.
                    try await connection.pipeline.addHandler(
                        try NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first
                    ).get()
                    try await outbound.write(ByteBuffer(string: text))
                case .finish(let outcome, let quit):
                    // The outcome is known; the server's goodbye changes nothing.
                    if quit { try? await outbound.write(ByteBuffer(string: "QUIT\r\n")) }
                    return outcome
                }
            }
        }
    }

    /// Runs `body`, giving up (and cancelling it, which closes its connection) after `timeout`.
    private func withTimeout<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TimedOut()
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw TimedOut() }
            return first
        }
    }
}
