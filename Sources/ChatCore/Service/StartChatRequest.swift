import Foundation

/// What a visitor supplies to start a chat. A visitor already tracked on the site may leave
/// name and email out (nil keeps what it gave before); a new visitor must give both.
public struct StartChatRequest: Sendable {
    public var departmentID: DepartmentID
    public var name: String?
    public var email: String?
    /// The chat's first line; nil opens the chat without one (a LivePerson request may carry
    /// no pre-chat lines). Parley's own forms always send one.
    public var message: String?
    /// The pre-chat form's other answers (phone, company, any extra field).
    public var formFields: [CustomVariable]?
    /// Whether the visitor came through Parley's own pre-chat form, whose defined fields its
    /// answers must then meet. Vendor faces ask their own questions and are not held to it.
    public var answersPrechatForm: Bool
    /// Whether a new visitor must give a name and an email. Parley's own forms ask for both;
    /// LivePerson's chat request carries neither, so its visitors may start without them.
    public var requiresContact: Bool
    public var profile: VisitorProfile

    public init(
        departmentID: DepartmentID, name: String?, email: String?, message: String?, formFields: [CustomVariable]? = nil,
        answersPrechatForm: Bool = false, requiresContact: Bool = true, profile: VisitorProfile = .init()
    ) {
        self.departmentID = departmentID
        self.name = name
        self.email = email
        self.message = message
        self.formFields = formFields
        self.answersPrechatForm = answersPrechatForm
        self.requiresContact = requiresContact
        self.profile = profile
    }
}

/// A chat just started, with the credentials of the visitor it created (nil when the visitor
/// came with its own).
public struct StartedChat: Sendable {
    public var chat: Chat
    public var visitor: Visitor
    public var events: [ChatEvent]
    public var credentials: IssuedCredentials?
}
