import ChatCore
import Foundation
import Hummingbird
import ServiceLifecycle

/// XM's Messenger API for one chat's lines: sync, history, send, edit and delete.
extension IPTPController {
    /// XM pages history 20 lines at a time.
    static let historyPageSize = 20

    /// `GET /xm/api/sync?timeout=MS&chatId=ID&onBackground=BOOL&lastSyncedAt=N`: the new
    /// entries since what this session last received. `lastSyncedAt` (or `cursor`) resumes
    /// from an earlier answer's; 0 or none starts where the server remembers.
    @Sendable func sync(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.SyncResponse {
        let principal = try context.requirePrincipal()
        let chat = request.uri.queryParameters["chatId"].map { ChatID(String($0)) }
        let resume = try request.queryInteger("cursor") ?? request.queryInteger("lastSyncedAt")
        let cursor = try resume.flatMap { value -> EventCursor? in
            guard value >= 0 else { throw APIError.badRequest("Query parameter 'lastSyncedAt' must not be negative.") }
            return value == 0 ? nil : EventCursor(Int64(value))
        }
        let milliseconds = try request.queryInteger("timeout") ?? Int(limits.longPollDefaultTimeout.components.seconds * 1000)
        guard milliseconds >= 0 else { throw APIError.badRequest("Query parameter 'timeout' must not be negative.") }
        let timeout = min(.milliseconds(milliseconds), limits.longPollMaxTimeout)
        let batch = try await withFeedLimit {
            try await cancelWhenGracefulShutdown {
                try await services.feed.syncFromSavedPosition(
                    for: principal, in: chat, cursor: cursor, limit: limits.syncDefaultLimit, timeout: timeout,
                    from: context.rateLimitKey
                )
            }
        }
        let quotes = try await services.chats.quotedLines(of: batch.events, for: principal)
        let quotedAuthors = quotes.values.flatMap(\.values).map(\.author)
        let names = try await services.chats.names(of: Set(batch.events.map(\.author) + batch.typing.map(\.author) + quotedAuthors))
        let typists = batch.typing.filter(\.isTyping).map { notice in
            IPTPWire.TypingEvent(
                chatId: notice.chat.chatID.rawValue,
                user: .init(id: notice.author.participantID, name: names[notice.author] ?? ""),
                timestamp: notice.at.epochMilliseconds
            )
        }
        return IPTPWire.SyncResponse(
            messages: IPTPWire.messages(batch.events, quotes: quotes, names: names), typingEvents: typists,
            cursor: batch.cursor.rawValue, typing: batch.typing.map(IPTPWire.TypingNotice.init), queue: try await queue(of: principal),
            partnerLastSeen: try await guestLastSeen(in: chat, for: principal)
        )
    }

    /// When the guest of the one chat an agent syncs was last seen on the site.
    private func guestLastSeen(in chat: ChatID?, for principal: Principal) async throws -> Date? {
        guard principal.agent != nil, let chat else { return nil }
        let visitor = try await services.chats.visitor(of: try await services.chats.chat(chat, for: principal))
        return try await services.visitors.visitor(visitor.id, by: principal).record.activity.lastSeenAt
    }

    /// A waiting guest's place in line.
    private func queue(of principal: Principal) async throws -> IPTPWire.Queue? {
        guard principal.visitorID != nil, let chat = try await services.chats.currentChat(for: principal) else { return nil }
        let standing = try await services.routing.standing(of: chat)
        return standing.map { IPTPWire.Queue(position: $0.position, estimatedWaitSeconds: $0.estimatedWait.map { Int($0.rounded()) }) }
    }

    /// `GET /xm/api/messages?chatId=ID&offset=N`: the 20 lines before `offset` (0: the latest),
    /// newest first, in XM's envelope.
    @Sendable func messagePage(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.Envelope {
        guard let chat = request.uri.queryParameters["chatId"], !chat.isEmpty else {
            throw APIError.badRequest("Query parameter 'chatId' is required.")
        }
        let (messages, _) = try await page(of: ChatID(String(chat)), request, context)
        return IPTPWire.Envelope(status: 0, message: "Success", errors: [], data: .init(messages: messages))
    }

    /// `GET /xm/api/chats/{chatId}/messages?offset=N`: as `/xm/api/messages`, with `hasMore`;
    /// `beforeId` is `offset` by its older name, and `limit` sizes the page.
    @Sendable func messages(_ request: Request, context: ParleyRequestContext) async throws -> IPTPWire.MessagesResponse {
        let (messages, hasMore) = try await page(of: try chatID(context), request, context)
        return IPTPWire.MessagesResponse(messages: messages, hasMore: hasMore)
    }

    private func page(
        of chat: ChatID, _ request: Request, _ context: ParleyRequestContext
    ) async throws -> (messages: [IPTPWire.Message], hasMore: Bool) {
        let principal = try context.requirePrincipal()
        let offset = try request.queryInteger("offset") ?? request.queryInteger("beforeId") ?? 0
        guard offset >= 0 else { throw APIError.badRequest("Query parameter 'offset' must not be negative.") }
        let limit = try request.queryInteger("limit") ?? Self.historyPageSize
        let page = EventPage.before(offset == 0 ? nil : offset, limit: limit)
        let (events, hasMore) = try await services.chats.history(of: chat, page: page, for: principal)
        let quotes = try await services.chats.quotedLines(of: events, for: principal)
        let names = try await services.chats.names(of: Set(events.map(\.author) + quotes.values.flatMap(\.values).map(\.author)))
        return (IPTPWire.messages(events.reversed(), quotes: quotes, names: names), hasMore)
    }

    /// `{"message", "internal", "quotedMessageId"}`. `internal: true` from an agent is a note
    /// the guest never sees; a guest cannot hide its own line from itself, so it is refused.
    @Sendable func send(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<IPTPWire.SendResponse> {
        var request = request
        let principal = try context.requirePrincipal()
        let body = try await request.decodeJSON(IPTPWire.SendRequest.self, limit: limits.maxBodyBytes)
        let text = try Self.text(message: body.message, text: body.text)
        let chat = try chatID(context)
        if body.internal == true {
            guard principal.agent != nil else { throw ChatError.forbidden(reason: "Only agents write internal messages.") }
            let note = try await services.chats.addNote(text, to: chat, as: principal)
            return IPTPWire.SendResponse(chatId: chat.rawValue, messageId: note.id).created
        }
        let sent = try await services.chats.reply(
            text, clientMessageID: body.clientId, quoting: body.quotedMessageId?.value, to: chat, as: principal
        )
        let answer = IPTPWire.SendResponse(chatId: chat.rawValue, messageId: sent.event.id)
        return EditedResponse(status: sent.isReplay ? .ok : .created, response: answer)
    }

    /// `PUT .../messages/{id}` with the new text as the plain-text body (or `{"message"}` as JSON).
    @Sendable func edit(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        var request = request
        let principal = try context.requirePrincipal()
        let (chat, message) = try messageID(context)
        let text: String
        if request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true {
            let body = try await request.decodeJSON(IPTPWire.EditRequest.self, limit: limits.maxBodyBytes)
            text = try Self.text(message: body.message, text: body.text)
        } else {
            text = XMBase64Text.plain(String(buffer: try await request.body(limit: limits.maxBodyBytes)))
        }
        _ = try await services.chats.editMessage(message, in: chat, to: text, as: principal)
        return .noContent
    }

    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let principal = try context.requirePrincipal()
        let (chat, message) = try messageID(context)
        _ = try await services.chats.deleteMessage(message, in: chat, as: principal)
        return .noContent
    }

    /// The text, sent as `message` (base64 from XM's web client, plain from others) or by its
    /// older name `text`, not both.
    private static func text(message: String?, text: String?) throws -> String {
        switch (message, text) {
        case (let given?, nil): return XMBase64Text.plain(given)
        case (nil, let given?): return given
        case (nil, nil):
            throw APIError(status: .badRequest, code: "malformed_request", message: "Field 'message' is required.", field: "message")
        case (.some, .some):
            throw APIError(status: .badRequest, code: "malformed_request", message: "Give 'message' or 'text', not both.", field: "text")
        }
    }

    private func messageID(_ context: ParleyRequestContext) throws -> (ChatID, Int) {
        let chat = try chatID(context)
        let text = try context.parameters.required("messageId")
        guard let id = Int(text), id >= 0 else { throw ChatError.messageNotFound(chat, -1) }
        return (chat, id)
    }

    func chatID(_ context: ParleyRequestContext) throws -> ChatID {
        ChatID(try context.parameters.required("chatId"))
    }
}
