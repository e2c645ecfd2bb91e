/// Links to attachments that work without a bearer for a while: how a flow engine (RapidPro)
/// fetches an agent's file for its contact.
public protocol AttachmentLinks: Sendable {
    /// An absolute link to the attachment that expires after a while; nil when the server
    /// does not know the address it is reached at.
    func link(to id: AttachmentID) -> String?
}
