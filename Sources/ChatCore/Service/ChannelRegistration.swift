import Foundation

/// A flow engine (RapidPro) hands a contact of its channel to Parley's agents.
public struct ChannelRegistration: Sendable {
    /// The flow engine's id for the contact.
    public var contactID: String
    public var name: String?
    /// The channel joined with the contact's id on it, e.g. `facebook:123456`.
    public var urn: String?
    public var mongoID: String?
    /// The department, by its name or its id.
    public var department: String
    /// The flow's results (its variables), kept as the visitor's form answers.
    public var results: [CustomVariable]
    /// The latest exchanges between the bot and the contact, oldest first, for agents to read.
    public var recentConversation: [String]

    public init(
        contactID: String, name: String? = nil, urn: String? = nil, mongoID: String? = nil, department: String,
        results: [CustomVariable] = [], recentConversation: [String] = []
    ) {
        self.contactID = contactID
        self.name = name
        self.urn = urn
        self.mongoID = mongoID
        self.department = department
        self.results = results
        self.recentConversation = recentConversation
    }
}

/// A registered contact and the chat it is in.
public struct ChannelRegistered: Sendable {
    public var contact: ChannelContact
    public var chat: Chat
    /// False when the contact already had this chat open and it was reused.
    public var isNewChat: Bool
}

/// How much a channel may send Parley about one contact.
enum ChannelLimits {
    /// A RapidPro contact UUID is 36 characters; other engines' ids stay well within this.
    static let contactIDLength = 100
    /// URNs are a scheme and an address: E.164 numbers, page-scoped ids, e-mail addresses.
    static let urnLength = 255
    /// The "last 10 or 20 interchanges" the mediator's documentation considers.
    static let recentConversationLines = 20
}
