import Foundation

/// A person who started a chat from a web page or an external channel.
public struct Visitor: Sendable, Equatable {
    public var id: VisitorID
    public var name: String
    public var email: String
    public var profile: VisitorProfile
    public var createdAt: Date

    public init(id: VisitorID, name: String, email: String, profile: VisitorProfile, createdAt: Date) {
        self.id = id
        self.name = name
        self.email = email
        self.profile = profile
        self.createdAt = createdAt
    }
}

/// What the visitor's connection tells about them when the chat starts.
public struct VisitorProfile: Sendable, Equatable {
    public var userAgent: String?
    public var ipAddress: String?
    public var language: String?
    public var sourceURL: String?

    public init(userAgent: String? = nil, ipAddress: String? = nil, language: String? = nil, sourceURL: String? = nil) {
        self.userAgent = userAgent
        self.ipAddress = ipAddress
        self.language = language
        self.sourceURL = sourceURL
    }
}
