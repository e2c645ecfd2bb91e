/// Everything the core refuses, named in the domain's terms. Faces map these to their
/// wire format (the native API in one place, each vendor face in its own).
public enum ChatError: Error, Equatable, Sendable {
    case departmentNotFound(DepartmentID)
    /// No department has this name (nor, when it is a number, this id).
    case departmentNotNamed(String)
    case agentNotFound(AgentID)
    case chatNotFound(ChatID)
    case visitorNotFound(VisitorID)
    /// A visitor may hold one open chat at a time.
    case chatAlreadyOpen(ChatID)
    /// The visitor cannot be invited now.
    case visitorUnavailable(VisitorID, reason: String)
    /// The visitor holds no invitation waiting for an answer.
    case noInvitation
    case ruleNotFound(String)
    /// A field failed validation; each face names `field` as its wire spells it.
    case invalidField(field: ChatField, reason: String)
    case messageTooLong(field: ChatField, limit: Int)
    /// A message within the character limit but over the byte limit (UTF-8).
    case messageTooLarge(field: ChatField, byteLimit: Int)
    case emailTaken
    case invalidCredentials
    /// No valid session: the token is missing, malformed, expired or revoked.
    case unauthenticated
    /// The refresh token was refused: it was already used, or it is unknown (expired, or its session ended).
    case invalidRefreshToken(RefreshRefusal)
    /// The key that renews or ends a renewable session is unknown, or its session is over.
    case invalidSessionKey
    /// The caller is known but may not do this.
    case forbidden(reason: String)
    case chatEnded(ChatID)
    /// Someone tried to join a chat that is no longer waiting in the queue.
    case chatNotQueued(ChatID)
    /// An agent tried to write in a chat another agent (or no agent) serves.
    case notChatAgent(ChatID)
    /// The chat is not being served (only an active chat can be transferred).
    case chatNotActive(ChatID)
    /// An agent answered an offer it does not hold.
    case noOffer(ChatID)
    /// The agent already serves as many chats as it may.
    case atCapacity(limit: Int)
    /// The captcha is unknown, expired, already used, or its answer is wrong.
    case captchaFailed
    /// The agent session is unknown, ended, or another agent's.
    case agentSessionNotFound(AgentSessionID)
    /// An agent asked for the next chat and none is offered to it or waiting.
    case noChatWaiting
    /// The agent a chat was to be transferred to is offline.
    case agentUnavailable(AgentID)
    /// The caller sends faster than its session may; it may try again after `retryAfter` seconds.
    case rateLimited(retryAfter: Int)
    /// The chat holds as many events as a chat may; it takes no more lines, notes or surveys.
    case chatFull(ChatID, limit: Int)
    /// A visitor's chats hold more events than one export may carry.
    case exportTooLarge(limit: Int)
    /// The storage could not be reached or refused the operation for a reason that is not the caller's.
    case storageUnavailable
    /// A ban keeps the visitor (or its address) from starting a chat. Which ban matched is
    /// never said, so a banned visitor learns nothing about how to slip past it.
    case banned
    case banNotFound(BanID)
    /// No channel contact is registered with this id (or its session was deleted).
    case channelContactNotFound(String)
    /// The visitor has no chat open to write in.
    case noOpenChat(VisitorID)
    case deadLetterNotFound(String)
    case webhookNotFound(WebhookEndpointID)
    /// A webhook URL whose host is (or resolves to) a loopback, private or link-local address.
    case addressNotPublic(field: ChatField, host: String)
    /// The department's business calendar says it is closed now; `message` is the calendar's text for visitors.
    case departmentClosed(message: String)
    case calendarNotFound(CalendarKey)
    /// The chat cannot be rated: no agent has served it yet, or it ended too long ago.
    case notRatable(ChatID, reason: String)
    /// The visitor already rated the chat.
    case alreadyRated(ChatID)
    /// Sending email needs an SMTP server, and none is configured.
    case emailNotConfigured
    /// No attachment has this id, or the caller may not see its chat.
    case attachmentNotFound(AttachmentID)
    /// The file is larger than an attachment may be.
    case attachmentTooLarge(limit: Int)
    /// The file's type is not accepted, or its bytes contradict the type it declares.
    case unsupportedMediaType(reason: String)
    case cannedResponseNotFound(String)
    /// Another canned response of the same department (or another global one) has this shortcut.
    case shortcutTaken(String)
    /// No message of the chat has this per-chat event id (or the caller may not see it).
    case messageNotFound(ChatID, Int)
    /// The message cannot be edited or deleted (not a line of text, deleted, or too old).
    case messageNotAmendable(ChatID, Int, reason: String)
}

/// Why a refresh token was refused; faces whose clients act on the difference tell them apart.
public enum RefreshRefusal: Sendable, Equatable {
    /// It was traded already (outside the reuse grace, or by another client instance).
    case alreadyUsed
    /// No such token stands: never issued, expired, or its session was revoked.
    case notFound
}

extension ChatError: CustomStringConvertible {
    /// The error's text with fields named in the domain's terms, as logs show it.
    public var description: String {
        message(naming: { "\($0)" })
    }

    /// The error's text, with any field named by `name`: each face passes its own wire's spelling.
    public func message(naming name: (ChatField) -> String) -> String {
        switch self {
        case .departmentNotFound(let id): "No department has the id \(id)."
        case .departmentNotNamed(let name): "No department is named '\(name)'."
        case .agentNotFound(let id): "No agent has the id \(id)."
        case .chatNotFound(let id): "No chat has the id \(id)."
        case .visitorNotFound(let id): "No visitor has the id \(id)."
        case .visitorUnavailable(let id, let reason): "Visitor \(id) \(reason)."
        case .noInvitation: "You hold no invitation waiting for an answer."
        case .ruleNotFound(let id): "No auto-invitation rule has the id \(id)."
        case .chatAlreadyOpen(let id): "You already have an open chat (\(id)); end it before starting another."
        case .invalidField(let field, let reason): "Field '\(name(field))' \(reason)."
        case .messageTooLong(_, let limit): "A message may hold at most \(limit) characters."
        case .messageTooLarge(_, let limit): "A message may hold at most \(limit) bytes of UTF-8."
        case .emailTaken: "An agent with this email already exists."
        case .invalidCredentials: "The email or password is wrong."
        case .unauthenticated: "A valid access token is required."
        case .invalidRefreshToken: "The refresh token is unknown, expired or already used."
        case .invalidSessionKey: "The session key (csrf) is unknown, or its session has ended."
        case .forbidden(let reason): reason
        case .chatEnded(let id): "Chat \(id) has ended."
        case .chatNotQueued(let id): "Chat \(id) is not waiting in the queue."
        case .agentSessionNotFound(let id): "No open agent session of yours has the id \(id)."
        case .noChatWaiting: "No chat is offered to you or waiting in your departments."
        case .agentUnavailable(let id): "Agent \(id) is offline; transfer to an agent who is online or away, or to a department."
        case .notChatAgent(let id): "Only the agent serving chat \(id) may write in it; join it first."
        case .chatNotActive(let id): "Chat \(id) is not active."
        case .noOffer(let id): "Chat \(id) is not offered to you."
        case .atCapacity(let limit): "You already serve \(limit) chats, your limit; end one first."
        case .captchaFailed: "The captcha answer is wrong, or the captcha expired or was already used; get a new one."
        case .rateLimited(let seconds): "You are sending too fast; try again in \(seconds) seconds."
        case .chatFull(let id, let limit): "Chat \(id) holds \(limit) events, the most a chat may; start a new chat."
        case .exportTooLarge(let limit): "The visitor's chats hold more than \(limit) events, the most one export carries."
        case .storageUnavailable: "The database is unavailable."
        case .banned: "You cannot start a chat from here."
        case .banNotFound(let id): "No ban has the id \(id)."
        case .channelContactNotFound(let id): "No contact is registered with the id \(id)."
        case .noOpenChat(let id): "Visitor \(id) has no open chat."
        case .deadLetterNotFound(let id): "No dead letter has the id \(id)."
        case .webhookNotFound(let id): "No webhook endpoint has the id \(id)."
        case .addressNotPublic(let field, let host):
            "Field '\(name(field))' names \(host), which is a loopback, private or link-local address; webhooks go to public addresses only."
        case .departmentClosed(let message): message.isEmpty ? "The department is closed now." : message
        case .calendarNotFound(let key): "No business calendar is stored for \(key)."
        case .notRatable(let id, let reason): "Chat \(id) cannot be rated: \(reason)."
        case .alreadyRated(let id): "Chat \(id) is already rated; a chat is rated once."
        case .emailNotConfigured: "This server sends no email: no SMTP server is configured."
        case .attachmentNotFound(let id): "No attachment has the id \(id)."
        case .attachmentTooLarge(let limit): "An attachment may hold at most \(limit) bytes."
        case .unsupportedMediaType(let reason): reason
        case .cannedResponseNotFound(let id): "No canned response has the id \(id)."
        case .shortcutTaken(let shortcut): "Another canned response of the same department already has the shortcut '\(shortcut)'."
        case .messageNotFound(let chat, let id): "Chat \(chat) has no message \(id)."
        case .messageNotAmendable(let chat, let id, let reason): "Message \(id) of chat \(chat) cannot be changed: \(reason)."
        }
    }
}
