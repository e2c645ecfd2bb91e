import ChatCore
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// `GET /v1/ws?access_token=T&cursor=N|latest`: the live feed over a WebSocket. The server sends
/// every event after `cursor` in the chats the caller may see, then each new event and
/// typing notice as it happens. The client may send typing notices. A client that
/// reconnects with the last cursor it received gets exactly what it missed.
///
/// The server closes the socket (codes in `SocketClosure`): after an `unauthenticated` error
/// message when the token expires or its session is revoked (4401); after a `rights_changed`
/// error message when the agent's departments or admin flag change (4403); when the client
/// does not read its messages within the write deadline (4408 `slow_consumer`); and with 1008
/// when a newer feed of the same session replaces it or its address holds too many feeds.
struct EventSocketController {
    let auth: AuthService
    let chats: ChatService
    let feed: EventFeed
    let visitors: VisitorService
    let sessionCheckInterval: Duration
    let writeTimeout: Duration

    /// What the server sends.
    struct ServerMessage: Encodable {
        let type: String
        var event: EventResponse?
        var typing: TypingResponse?
        var presence: PresenceResponse?
        /// With `visitors`: the visitors changed, and the revision to reconnect from.
        var visitors: [VisitorOverviewResponse]?
        var visitorRevision: Int64?
        var error: ErrorEnvelope.Body?
        /// With a `rate_limited` error: the seconds to wait, as HTTP's `Retry-After` says.
        var retryAfter: Int?
    }

    /// What a client may send.
    struct ClientMessage: Decodable {
        let type: String
        let chatId: String?
        let typing: Bool?
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.ws("ws") { request, context in
            _ = try await principal(of: request)
            _ = try await request.feedCursor(feed)
            _ = try await request.visitorRevision(feed)
            // A plain GET would otherwise be answered 200 with nothing in it.
            guard request.asksForWebSocket else { throw APIError.upgradeRequired }
            // A browser that offered protocols fails the connection unless one is chosen.
            return .upgrade(request.offersTokenProtocol ? [.secWebSocketProtocol: Request.feedProtocol] : [:])
        } onUpgrade: { inbound, outbound, context in
            guard let (principal, expiresAt) = try? await principal(of: context.request),
                  let cursor = try? await context.request.feedCursor(feed)
            else { return }
            let visitorRevision: Int64?
            do { visitorRevision = try await context.request.visitorRevision(feed) } catch { return }
            let socket = FeedSocket(outbound: outbound, channel: context.requestContext.channel, writeTimeout: writeTimeout)
            let live: LiveFeed
            do {
                live = try feed.live(
                    for: principal, after: cursor, visitorsAfter: visitorRevision, from: context.requestContext.rateLimitKey
                )
            } catch {
                await socket.close(.tooManyFeeds)
                return
            }
            if let changed = await changeSinceUpgrade(principal, of: context.request) {
                live.end()
                await close(socket, changed, logger: context.logger)
                return
            }
            try await serve(live, of: principal, until: expiresAt, on: socket, inbound: inbound, logger: context.logger)
        }
    }

    /// The feed hears every change from the moment it listens; one made between the upgrade's
    /// authentication and then is caught by authenticating again.
    private func changeSinceUpgrade(_ principal: Principal, of request: Request) async -> SocketClosure? {
        guard let (current, _) = try? await self.principal(of: request) else { return .unauthenticated }
        return EventFeed.readTheSame(principal, current) ? nil : .rightsChanged
    }

    /// Serves the feed until the client leaves or the server shuts down, or until the server
    /// must close the socket for a reason it tells the client.
    private func serve(
        _ live: LiveFeed, of principal: Principal, until expiresAt: Date, on socket: FeedSocket,
        inbound: WebSocketInboundStream, logger: Logger
    ) async throws {
        try await withThrowingTaskGroup(of: SocketClosure?.self) { group in
            group.addTask {
                try await waitUntilInvalid(principal.session, expiresAt: expiresAt)
                return .unauthenticated
            }
            group.addTask {
                do {
                    try await cancelWhenGracefulShutdown {
                        try await push(live, to: socket)
                    }
                    return nil
                } catch let ending as FeedEnding {
                    return switch ending {
                    case .sessionRevoked: .unauthenticated
                    case .rightsChanged: .rightsChanged
                    case .replaced: .replaced
                    }
                } catch is SlowConsumer {
                    return .slowConsumer
                }
            }
            group.addTask {
                do {
                    try await receive(inbound, from: principal, replyingTo: socket, logger: logger)
                    return nil
                } catch is SlowConsumer {
                    return .slowConsumer
                }
            }
            // Whichever ends first ends the connection. The reason is told while the client's
            // messages are still read, as the closing handshake needs them.
            let first = try await group.next() ?? nil
            live.end()
            if let first {
                await close(socket, first, logger: logger)
            }
            group.cancelAll()
        }
    }

    /// Tells the client why, in an error message where there is one, then closes with the closure's code.
    private func close(_ socket: FeedSocket, _ closure: SocketClosure, logger: Logger) async {
        let error: ErrorEnvelope.Body? = switch closure {
        case .unauthenticated: ErrorEnvelope(ErrorReport(ChatError.unauthenticated, logger: logger)).error
        case .rightsChanged:
            ErrorEnvelope.Body(
                code: "rights_changed", message: "Your rights changed; reconnect from your last cursor to read with them.", field: nil
            )
        case .slowConsumer, .replaced, .tooManyFeeds: nil
        }
        if closure == .slowConsumer {
            await socket.forceClose(closure)
            return
        }
        do {
            if let error {
                try await socket.send(Self.json(ServerMessage(type: "error", error: error)))
            }
            await socket.close(closure)
        } catch {
            await socket.forceClose(closure)
        }
    }

    /// The caller, from `access_token`, the `Authorization` header or the token protocol, and
    /// when its token expires.
    private func principal(of request: Request) async throws -> (Principal, Date) {
        let token = request.uri.queryParameters["access_token"].map(String.init)
            ?? request.headers[.authorization].flatMap(AuthenticationMiddleware.bearerToken)
            ?? request.protocolToken
        guard let token else { throw ChatError.unauthenticated }
        return try await auth.authenticateUntilExpiry(token)
    }

    /// Returns once the token has expired or its session was revoked.
    private func waitUntilInvalid(_ session: SessionID, expiresAt: Date) async throws {
        while true {
            let remaining = Duration.milliseconds(Int64(max(0, expiresAt.timeIntervalSinceNow) * 1000))
            try await Task.sleep(for: min(remaining, sessionCheckInterval))
            if expiresAt <= Date() { return }
            if try await !auth.isActive(session) { return }
        }
    }

    /// Writes each item once the previous one is written: the feed reads the store no faster than the client reads.
    private func push(_ items: LiveFeed, to socket: FeedSocket) async throws {
        for try await item in items {
            let message = switch item {
            case .event(let event): ServerMessage(type: "event", event: EventResponse(event))
            case .typing(let typing): ServerMessage(type: "typing", typing: TypingResponse(typing))
            case .presence(let presence): ServerMessage(type: "presence", presence: PresenceResponse(presence))
            case .visitors(let records, let revision):
                ServerMessage(
                    type: "visitors", visitors: try await visitors.overviews(of: records).map { VisitorOverviewResponse($0) },
                    visitorRevision: revision
                )
            }
            try await socket.send(Self.json(message))
        }
    }

    private func receive(
        _ inbound: WebSocketInboundStream, from principal: Principal, replyingTo socket: FeedSocket, logger: Logger
    ) async throws {
        for try await message in inbound.messages(maxSize: 16 * 1024) {
            guard case .text(let text) = message else { continue }
            do {
                let request = try JSONDecoder().decode(ClientMessage.self, from: Data(text.utf8))
                guard request.type == "typing", let chat = request.chatId, let typing = request.typing else {
                    throw APIError.badRequest("Send {\"type\": \"typing\", \"chatId\": \"...\", \"typing\": true}.")
                }
                try await chats.setTyping(typing, in: ChatID(chat), as: principal)
            } catch {
                let reported: any Error = error is DecodingError ? APIError.badRequest("The message is not valid JSON.") : error
                let report = ErrorReport(reported, logger: logger)
                let retryAfter = report.headers[.retryAfter].flatMap { Int($0) }
                try await socket.send(Self.json(ServerMessage(type: "error", error: ErrorEnvelope(report).error, retryAfter: retryAfter)))
            }
        }
    }

    private static func json(_ message: ServerMessage) -> String {
        let data = (try? JSONEncoder().encode(message)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

extension Request {
    /// Whether the request asks to become a WebSocket (`Upgrade: websocket`).
    var asksForWebSocket: Bool {
        headers[values: .upgrade].contains { value in
            value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "websocket" }
        }
    }
}
