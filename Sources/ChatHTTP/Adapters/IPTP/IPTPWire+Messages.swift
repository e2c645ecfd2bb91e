import ChatCore
import Hummingbird

/// XM's messages, as its Messenger API sends and reads them, with the names Parley's `/xm`
/// face used before kept alongside.
extension IPTPWire {
    /// `{"message", "internal"}`; `text` and `clientId` are the older names. XM's
    /// `quotedMessageId` is not kept: the line is sent without its quote.
    struct SendRequest: Decodable {
        let message: String?
        let text: String?
        let `internal`: Bool?
        let clientId: String?
    }

    /// `PUT .../messages/{id}` as JSON (`{"message": "..."}`); a plain-text body is the text itself.
    struct EditRequest: Decodable {
        let message: String?
        let text: String?
    }

    struct SendResponse: ResponseCodable {
        let chatId: String
        let messageId: Int
    }

    /// One entry of a chat as XM's clients read it.
    struct Message: ResponseCodable, Equatable {
        struct Key: ResponseCodable, Equatable {
            let messageId: Int
            let chatId: String
        }

        struct Sender: ResponseCodable, Equatable {
            /// Absent for the system's entries.
            let id: String?
            let name: String
        }

        /// A posted file; `type` as the entry's (2 image, 3 audio, 4 video, 20 any other file).
        struct File: ResponseCodable, Equatable {
            let id: String
            let filename: String
            let size: Int
            let type: Int
        }

        let id: Key
        let sender: Sender
        /// The text; empty once deleted.
        let message: String
        /// `yyyy-MM-dd'T'HH:mm:ss.SSS+0000`, as XM writes dates.
        let msgDate: String
        /// 1 text, 2 image, 3 audio, 4 video, 20 file, 5 an agent came in, 6 someone left.
        let type: Int
        let uploaded: Bool
        let updated: Bool
        let deleted: Bool
        /// A note among agents, never shown to the guest.
        let `internal`: Bool
        /// The per-chat position (`offset` of older history pages), the same as `messageId`.
        let sequence: Int
        let file: File?
        /// What Parley's entry is: TEXT, NOTE, JOIN, STATE, OFFER, OFFER_WITHDRAWN, TRANSFER,
        /// NOTICE, SURVEY, RATING, FILE.
        let kind: String
        let chatId: String
        /// `message` by its older name; absent for entries without text.
        let text: String?
        let state: String?
        let senderId: String?
        let senderName: String?
        let fromGuest: Bool
        let clientId: String?
        /// `msgDate` in milliseconds since 1970.
        let created: Int64
    }

    /// `GET /xm/api/messages`: XM's envelope around a page of history.
    struct Envelope: ResponseCodable {
        struct Page: ResponseCodable {
            let messages: [Message]
        }

        let status: Int
        let message: String
        let errors: [String]
        let data: Page
    }

    /// `GET /xm/api/chats/{chatId}/messages`: newest first, as XM pages.
    struct MessagesResponse: ResponseCodable {
        let messages: [Message]
        let hasMore: Bool
    }
}
