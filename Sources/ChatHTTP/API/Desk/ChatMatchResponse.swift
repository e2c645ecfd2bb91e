import ChatCore
import Hummingbird

/// A chat of a search or of one visitor's list: the usual chat, plus the text around the
/// first hit when text was searched.
struct ChatMatchResponse: ResponseCodable {
    let chat: ChatResponse
    let match: String?

    init(_ found: ChatMatch) {
        chat = ChatResponse(found.chat)
        match = found.excerpt
    }

    private enum CodingKeys: String, CodingKey {
        case match
    }

    init(from decoder: any Decoder) throws {
        chat = try ChatResponse(from: decoder)
        match = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .match)
    }

    func encode(to encoder: any Encoder) throws {
        try chat.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(match, forKey: .match)
    }
}
