import ChatCore
import Hummingbird

/// `GET /v1/widget-settings`: what a visitor's widget may offer before it asks for anything
/// (public: the widget reads it before a visitor exists).
struct WidgetSettingsController {
    let limits: ChatLimits
    let transcriptsByEmail: Bool

    struct SettingsResponse: ResponseCodable {
        let attachments: AttachmentRules
        /// Whether `POST /v1/chats/{id}/transcript` can send mail (the server has SMTP settings).
        let transcripts: Bool
    }

    struct AttachmentRules: ResponseCodable {
        let maxBytes: Int
        let contentTypes: [String]
    }

    func addRoutes(to router: some RouterMethods<ParleyRequestContext>) {
        router.get("widget-settings") { _, _ in
            SettingsResponse(
                attachments: AttachmentRules(maxBytes: limits.maxAttachmentBytes, contentTypes: limits.attachmentTypes),
                transcripts: transcriptsByEmail
            )
        }
    }
}
