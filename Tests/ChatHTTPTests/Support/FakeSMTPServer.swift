import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// An SMTP server on 127.0.0.1 for tests. It speaks just enough SMTP, records each
/// conversation (the commands in order, the accounts it was given, every message as DATA
/// carried it), and answers `MAIL FROM` with the refusals it is told to give before it accepts.
/// It speaks plain SMTP, offers STARTTLS, or TLS from the first byte.
final class FakeSMTPServer: Sendable {
    enum Security: Sendable {
        case plain
        case startTLS(NIOSSLContext)
        case tls(NIOSSLContext)
    }

    /// A message as received: the envelope, and the DATA lines (still dot-stuffed, each with its CRLF).
    struct Mail: Sendable {
        let from: String
        let recipients: [String]
        let data: String

        /// The header fields, names in lower case, folded lines joined.
        var headers: [String: String] {
            var fields: [String: String] = [:]
            var last: String?
            for line in data.components(separatedBy: "\r\n") {
                if line.isEmpty { break }
                if line.hasPrefix(" "), let name = last {
                    fields[name, default: ""] += line
                } else if let colon = line.firstIndex(of: ":") {
                    let name = line[..<colon].lowercased()
                    fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    last = name
                }
            }
            return fields
        }

        /// The base64 body, decoded.
        var bodyText: String {
            let parts = data.components(separatedBy: "\r\n\r\n")
            let encoded = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "")
            return Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    let port: Int
    private let security: Security
    private let state = Mutex<(refusals: [String], commands: [String], mails: [Mail], accounts: [String])>(([], [], [], []))

    private init(port: Int, security: Security) {
        self.port = port
        self.security = security
    }

    /// The `user:password` of each AUTH PLAIN, decoded.
    var accounts: [String] { state.withLock { $0.accounts } }

    /// Replies (`451 4.3.0 try later`) to give to the next `MAIL FROM`s, in order.
    func refuse(_ replies: [String]) {
        state.withLock { $0.refusals += replies }
    }

    var mails: [Mail] { state.withLock { $0.mails } }
    var commands: [String] { state.withLock { $0.commands } }

    /// Starts the server, runs `body` with it, and stops it.
    static func run<T: Sendable>(security: Security = .plain, _ body: @Sendable (FakeSMTPServer) async throws -> T) async throws -> T {
        let implicit: NIOSSLContext? = if case .tls(let context) = security { context } else { nil }
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    if let implicit { try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: implicit)) }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let fake = FakeSMTPServer(port: server.channel.localAddress?.port ?? 0, security: security)
        let accepting = Task {
            try await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { try? await fake.converse(connection) }
                    }
                }
            }
        }
        defer { accepting.cancel() }
        return try await body(fake)
    }

    private func converse(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        let channel = connection.channel
        try await connection.executeThenClose { inbound, outbound in
            func say(_ lines: String...) async throws {
                try await outbound.write(ByteBuffer(string: lines.map { $0 + "\r\n" }.joined()))
            }
            try await say("220 fake.test ESMTP")
            var pending: [UInt8] = []
            var data: String?
            var from = ""
            var recipients: [String] = []
            for try await buffer in inbound {
                pending += buffer.readableBytesView
                while let end = pending.indices.first(where: { pending[$0] == 13 && $0 + 1 < pending.count && pending[$0 + 1] == 10 }) {
                    let line = String(decoding: pending[..<end], as: UTF8.self)
                    pending.removeSubrange(...(end + 1))
                    if let received = data {
                        if line == "." {
                            let mail = Mail(from: from, recipients: recipients, data: received)
                            state.withLock { $0.mails.append(mail) }
                            data = nil
                            try await say("250 2.0.0 queued")
                        } else {
                            data = received + line + "\r\n"
                        }
                        continue
                    }
                    state.withLock { $0.commands.append(line) }
                    switch line.prefix(4).uppercased() {
                    case "EHLO":
                        if case .startTLS = security { try await say("250-fake.test", "250 STARTTLS") } else { try await say("250-fake.test", "250 AUTH PLAIN") }
                    case "STAR":
                        guard case .startTLS(let context) = security else { try await say("502 5.5.1 no TLS here"); continue }
                        // The answer leaves in the clear, and the handshake that follows meets the TLS handler, in one turn of the loop.
                        try await channel.eventLoop.submit {
                            channel.writeAndFlush(ByteBuffer(string: "220 2.0.0 go ahead\r\n"), promise: nil)
                            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
                        }.get()
                    case "AUTH":
                        let encoded = line.split(separator: " ").last.map(String.init) ?? ""
                        let parts = Data(base64Encoded: encoded).map { $0.split(separator: 0, omittingEmptySubsequences: false) } ?? []
                        let account = parts.dropFirst().map { String(decoding: $0, as: UTF8.self) }.joined(separator: ":")
                        state.withLock { $0.accounts.append(account) }
                        try await say("235 2.7.0 welcome")
                    case "HELO": try await say("250 fake.test")
                    case "MAIL":
                        if let refusal = state.withLock({ $0.refusals.isEmpty ? nil : $0.refusals.removeFirst() }) {
                            try await say(refusal)
                        } else {
                            from = Self.address(in: line)
                            recipients = []
                            try await say("250 2.1.0 ok")
                        }
                    case "RCPT":
                        recipients.append(Self.address(in: line))
                        try await say("250 2.1.5 ok")
                    case "DATA":
                        data = ""
                        try await say("354 end with a lone dot")
                    case "QUIT":
                        try await say("221 bye")
                        return
                    default: try await say("502 5.5.2 not implemented")
                    }
                }
            }
        }
    }

    /// What lies between `<` and `>`.
    private static func address(in command: String) -> String {
        guard let open = command.firstIndex(of: "<"), let close = command.lastIndex(of: ">"), open < close else { return "" }
        return String(command[command.index(after: open)..<close])
    }
}
