import ChatCore
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// `GET /v1/ws?access_token=T&cursor=N|latest`: the live feed over a WebSocket. The server sends
/// every event after `cursor` in the chats the caller may see, then each new event and
/// typing notice as it happens. The client may send typing notices. A client that
/// reconnects with the last cursor it received gets exactly what it missed. The server
/// closes the socket, after an `unauthenticated` error message, when the token expires or
/// its session is revoked; the client reconnects with a fresh token from its last cursor.
struct EventSocketController {
    let auth: AuthService
    let chats: ChatService
    let feed: EventFeed
    let sessionCheckInterval: Duration

    /// What the server sends.
    struct ServerMessage: Encodable {
        let type: String
        var event: EventResponse?
        var typing: TypingResponse?
        var presence: PresenceResponse?
        var error: ErrorEnvelope.Body?
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
            // A plain GET would otherwise be answered 200 with nothing in it.
            guard request.asksForWebSocket else { throw APIError.upgradeRequired }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let (principal, expiresAt) = try? await principal(of: context.request),
                  let cursor = try? await context.request.feedCursor(feed)
            else { return }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await waitUntilInvalid(principal.session, expiresAt: expiresAt)
                    let report = ErrorEnvelope(ErrorReport(ChatError.unauthenticated, logger: context.logger))
                    try await outbound.write(.text(Self.json(ServerMessage(type: "error", error: report.error))))
                }
                group.addTask {
                    try await cancelWhenGracefulShutdown {
                        try await push(feed.live(for: principal, after: cursor), to: outbound)
                    }
                }
                group.addTask {
                    try await receive(inbound, from: principal, replyingTo: outbound, logger: context.logger)
                }
                // Whichever ends first (client gone, server shutting down, token no longer valid)
                // ends the connection.
                _ = try await group.next()
                group.cancelAll()
            }
        }
    }

    /// The caller, from `access_token` or the `Authorization` header, and when its token expires.
    private func principal(of request: Request) async throws -> (Principal, Date) {
        let token = request.uri.queryParameters["access_token"].map(String.init)
            ?? request.headers[.authorization].flatMap(AuthenticationMiddleware.bearerToken)
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

    private func push(_ items: AsyncThrowingStream<FeedItem, any Error>, to outbound: WebSocketOutboundWriter) async throws {
        for try await item in items {
            let message = switch item {
            case .event(let event): ServerMessage(type: "event", event: EventResponse(event))
            case .typing(let typing): ServerMessage(type: "typing", typing: TypingResponse(typing))
            case .presence(let presence): ServerMessage(type: "presence", presence: PresenceResponse(presence))
            }
            try await outbound.write(.text(Self.json(message)))
        }
    }

    private func receive(
        _ inbound: WebSocketInboundStream, from principal: Principal, replyingTo outbound: WebSocketOutboundWriter, logger: Logger
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
                let report = ErrorEnvelope(ErrorReport(reported, logger: logger))
                try await outbound.write(.text(Self.json(ServerMessage(type: "error", error: report.error))))
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
