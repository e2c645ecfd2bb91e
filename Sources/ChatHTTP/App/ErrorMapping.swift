import ChatCore
import Hummingbird

/// The one place where a domain error gets its HTTP status and its stable code.
extension ChatError {
    var status: HTTPResponse.Status {
        switch self {
        case .departmentNotFound, .departmentNotNamed, .agentNotFound, .chatNotFound, .visitorNotFound, .ruleNotFound, .agentSessionNotFound,
             .noChatWaiting, .banNotFound, .channelContactNotFound, .noOpenChat, .deadLetterNotFound, .webhookNotFound, .calendarNotFound,
             .attachmentNotFound, .cannedResponseNotFound, .messageNotFound: .notFound
        case .invalidField, .messageTooLong, .messageTooLarge, .captchaFailed, .addressNotPublic: .unprocessableContent
        case .emailTaken, .chatEnded, .chatNotQueued, .chatNotActive, .noOffer, .atCapacity, .agentUnavailable, .chatFull, .chatAlreadyOpen,
             .visitorUnavailable, .noInvitation, .departmentClosed, .shortcutTaken, .notRatable, .alreadyRated,
             .messageNotAmendable: .conflict
        case .invalidCredentials, .unauthenticated, .invalidRefreshToken, .invalidSessionKey: .unauthorized
        case .forbidden, .notChatAgent, .banned: .forbidden
        case .rateLimited: .tooManyRequests
        case .exportTooLarge, .attachmentTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .storageUnavailable, .emailNotConfigured: .serviceUnavailable
        }
    }

    var code: String {
        switch self {
        case .departmentNotFound, .departmentNotNamed: "department_not_found"
        case .agentNotFound: "agent_not_found"
        case .chatNotFound: "chat_not_found"
        case .visitorNotFound: "visitor_not_found"
        case .ruleNotFound: "rule_not_found"
        case .chatAlreadyOpen: "chat_already_open"
        case .visitorUnavailable: "visitor_unavailable"
        case .noInvitation: "no_invitation"
        case .invalidField: "invalid_field"
        case .messageTooLong, .messageTooLarge: "message_too_long"
        case .emailTaken: "email_taken"
        case .invalidCredentials: "invalid_credentials"
        case .unauthenticated: "unauthenticated"
        case .invalidRefreshToken: "invalid_refresh_token"
        case .invalidSessionKey: "invalid_session_key"
        case .forbidden: "forbidden"
        case .chatEnded: "chat_ended"
        case .chatNotQueued: "chat_not_queued"
        case .notChatAgent: "not_chat_agent"
        case .chatNotActive: "chat_not_active"
        case .noOffer: "no_offer"
        case .atCapacity: "at_capacity"
        case .captchaFailed: "captcha_failed"
        case .agentSessionNotFound: "agent_session_not_found"
        case .noChatWaiting: "no_chat_waiting"
        case .agentUnavailable: "agent_unavailable"
        case .rateLimited: "rate_limited"
        case .chatFull: "chat_full"
        case .exportTooLarge: "export_too_large"
        case .storageUnavailable: "storage_unavailable"
        case .banned: "banned"
        case .banNotFound: "ban_not_found"
        case .channelContactNotFound: "contact_not_found"
        case .noOpenChat: "no_open_chat"
        case .deadLetterNotFound: "dead_letter_not_found"
        case .webhookNotFound: "webhook_not_found"
        case .addressNotPublic: "address_not_public"
        case .departmentClosed: "department_closed"
        case .calendarNotFound: "calendar_not_found"
        case .notRatable: "not_ratable"
        case .alreadyRated: "already_rated"
        case .emailNotConfigured: "email_not_configured"
        case .attachmentNotFound: "attachment_not_found"
        case .attachmentTooLarge: "attachment_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .cannedResponseNotFound: "canned_response_not_found"
        case .shortcutTaken: "shortcut_taken"
        case .messageNotFound: "message_not_found"
        case .messageNotAmendable: "message_not_amendable"
        }
    }

    /// Headers the answer carries: when to come back after a rate limit.
    var headers: HTTPFields {
        guard case .rateLimited(let seconds) = self else { return [:] }
        return [.retryAfter: String(max(1, seconds))]
    }

    /// The field a validation error names, for clients that highlight it.
    var field: ChatField? {
        switch self {
        case .invalidField(let field, _), .messageTooLong(let field, _), .messageTooLarge(let field, _), .addressNotPublic(let field, _): field
        default: nil
        }
    }
}
