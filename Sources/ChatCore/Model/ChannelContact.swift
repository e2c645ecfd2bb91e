import Foundation

/// A contact on an external messaging channel (Facebook, WhatsApp, SMS...) reached through a
/// flow engine such as RapidPro: a visitor without a browser. Agents' lines in its chats are
/// delivered to it through the flow engine's API, addressed by `uuid`.
public struct ChannelContact: Sendable, Equatable {
    /// The flow engine's own id for the contact (RapidPro's contact UUID).
    public var uuid: String
    /// The visitor the contact is in Parley: its name, chats and history.
    public var visitorID: VisitorID
    /// The channel joined with the contact's id on it, e.g. `facebook:123456`.
    public var urn: String?
    /// The id the flow engine's own store gives the contact, kept for its integrators.
    public var mongoID: String?
    public var registeredAt: Date

    public init(uuid: String, visitorID: VisitorID, urn: String?, mongoID: String?, registeredAt: Date) {
        self.uuid = uuid
        self.visitorID = visitorID
        self.urn = urn
        self.mongoID = mongoID
        self.registeredAt = registeredAt
    }
}
