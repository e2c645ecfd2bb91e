import Foundation

/// What a visitor supplies to start a chat.
public struct StartChatRequest: Sendable {
    public var departmentID: DepartmentID
    public var name: String
    public var email: String
    public var message: String
    public var profile: VisitorProfile

    public init(departmentID: DepartmentID, name: String, email: String, message: String, profile: VisitorProfile = .init()) {
        self.departmentID = departmentID
        self.name = name
        self.email = email
        self.message = message
        self.profile = profile
    }
}

/// A chat just started, with the visitor's credentials for it.
public struct StartedChat: Sendable {
    public var chat: Chat
    public var visitor: Visitor
    public var events: [ChatEvent]
    public var credentials: IssuedCredentials
}
