import ChatCore
import Hummingbird

/// XM's messages, as its Messenger API sends and reads them, with the names Parley's `/xm`
/// face used before kept alongside.
extension IPTPWire {
    /// `{"message", "internal", "quotedMessageId"}`; `text` and `clientId` are the older names.
    struct SendRequest: Decodable {
        let message: String?
        let text: String?
        let `internal`: Bool?
        let quotedMessageId: QuotedID?
        let clientId: String?
    }

    /// XM's clients send the quoted line's id as a number or as a numeric string.
    struct QuotedID: Decodable {
        let value: Int

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = number
            } else if let number = Int(try container.decode(String.self)) {
                value = number
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "quotedMessageId must be a message id")
            }
        }
    }

    /// The line an entry quotes, as XM's client shows it above the entry.
    struct QuotedMessage: ResponseCodable, Equatable {
        let id: Message.Key
        let sender: Message.Sender
        let message: String
        let sequence: Int
        let type: Int
        let file: Message.File?
        let updated: Bool
        let deleted: Bool

        init(_ line: Message) {
            (id, sender, message, sequence, type) = (line.id, line.sender, line.message, line.sequence, line.type)
            (file, updated, deleted) = (line.file, line.updated, line.deleted)
        }
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
        /// The line this one quotes, as it reads now; absent when it quotes none (or one the reader may not see).
        var quotedMessage: QuotedMessage? = nil
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
