import ChatCore
import Foundation

/// Rocket.Chat's Omnichannel webhook body, the part the mediator reads: the visitor's
/// token (the channel contact's id), the event type, the agent, and the messages.
struct RocketChatWebhook: Decodable {
    struct Visitor: Decodable {
        let token: String
        let username: String?
    }

    struct Agent: Decodable {
        let name: String?
        let username: String?

        var displayName: String? { name ?? username }
    }

    struct Message: Decodable {
        struct FileUpload: Decodable {
            let publicFilePath: String?
            let type: String?
        }

        let msg: String?
        let fileUpload: FileUpload?
        let username: String?
        let agentId: String?
    }

    let type: String
    let visitor: Visitor
    let agent: Agent?
    let messages: [Message]?

    /// What a `Message` event sends the contact: each text, then each file's public address.
    /// The visitor's own messages (Rocket.Chat sends those too when asked to) are not echoed
    /// back; a message with neither text nor file is refused.
    func textsForTheContact() throws -> [String] {
        guard let messages, !messages.isEmpty else {
            throw APIError.badRequest("A Message event needs 'messages', each with 'msg' or 'fileUpload.publicFilePath'.")
        }
        var texts: [String] = []
        for (index, message) in messages.enumerated() {
            let text = message.msg.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            let file = message.fileUpload?.publicFilePath.flatMap { $0.isEmpty ? nil : $0 }
            guard text != nil || file != nil else {
                throw APIError.badRequest("Message \(index) has neither 'msg' nor 'fileUpload.publicFilePath'.")
            }
            if message.isTheVisitors(visitor) { continue }
            texts += [text, file].compactMap { $0 }
        }
        return texts
    }
}

extension RocketChatWebhook.Message {
    /// A message without an agent, written under the visitor's own username.
    fileprivate func isTheVisitors(_ visitor: RocketChatWebhook.Visitor) -> Bool {
        agentId == nil && username != nil && username == visitor.username
    }
}
