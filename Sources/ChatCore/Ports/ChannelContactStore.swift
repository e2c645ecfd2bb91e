import Foundation

/// The contacts of external channels and the visitors they are.
public protocol ChannelContactStore: Sendable {
    /// Registers a contact (whose `visitorID` names `visitor`): the first time, stores `visitor`
    /// and the contact in one transaction; after that, the contact keeps the visitor it already
    /// is, whose name (when given) and the contact's `urn` and `mongoID` are updated, and
    /// `visitor` is not stored. Answers the contact as stored.
    func registerChannelContact(_ contact: ChannelContact, as visitor: Visitor) async throws -> ChannelContact

    func channelContact(uuid: String) async throws -> ChannelContact?
    /// The contact a visitor is, if it came from a channel.
    func channelContact(of visitor: VisitorID) async throws -> ChannelContact?

    /// Deletes what is stored of the contact's session with the channel (its link to the
    /// visitor); the visitor and its chats stay. Answers whether there was such a contact.
    func forgetChannelContact(uuid: String) async throws -> Bool
}
