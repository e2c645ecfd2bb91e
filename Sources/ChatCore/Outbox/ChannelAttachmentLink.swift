import Foundation

/// A channel delivery names an agent's file by a marker, `<content type>:parley-attachment:<id>`;
/// the sender swaps it for a signed link when it sends, so the link's lifetime counts from the
/// send (a delivery retried for hours, or a dead letter replayed days later, still gets a
/// working link), and no working link waits in the outbox or among dead letters.
enum ChannelAttachmentLink {
    static let scheme = "parley-attachment:"

    static func marker(for attachment: Attachment) -> String {
        "\(attachment.contentType):\(scheme)\(attachment.id.rawValue)"
    }

    /// Why a delivery's markers could not become links.
    struct Unsigned: Error {
        let reason: String
    }

    /// The payload with each marker replaced by a link `links` signs now; the payload itself
    /// when it holds no marker.
    static func signing(_ payload: String, with links: (any AttachmentLinks)?) -> Result<String, Unsigned> {
        guard payload.contains(scheme), var message = try? JSONDecoder().decode(RapidProMessage.self, from: Data(payload.utf8)) else {
            return .success(payload)
        }
        var signed: [String] = []
        for entry in message.attachments ?? [] {
            guard let marker = entry.range(of: ":" + scheme) else {
                signed.append(entry)
                continue
            }
            let id = AttachmentID(String(entry[marker.upperBound...]))
            guard let link = links?.link(to: id) else {
                return .failure(Unsigned(reason: "files need the server's public address to link to (PARLEY_PUBLIC_URL)"))
            }
            signed.append(String(entry[..<marker.lowerBound]) + ":" + link)
        }
        message.attachments = signed
        return .success(message.body())
    }
}
