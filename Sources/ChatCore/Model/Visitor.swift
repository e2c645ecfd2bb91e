import Foundation

/// A person on the site (tracked by the widget) or who started a chat from a web page or an
/// external channel. Name and email are empty until the visitor gives them.
public struct Visitor: Sendable, Equatable {
    public var id: VisitorID
    public var name: String
    public var email: String
    public var profile: VisitorProfile
    /// Set by the web page (Comm100's custom variables).
    public var customVariables: [CustomVariable]
    /// The pre-chat form's answers beyond name and email (phone, company, any extra field).
    public var formFields: [CustomVariable]
    public var createdAt: Date

    public init(
        id: VisitorID, name: String, email: String, profile: VisitorProfile, customVariables: [CustomVariable] = [],
        formFields: [CustomVariable] = [], createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.profile = profile
        self.customVariables = customVariables
        self.formFields = formFields
        self.createdAt = createdAt
    }

    /// A pre-chat form answer by name ("phone", "company"), ignoring case.
    public func formField(_ name: String) -> String? {
        formFields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// What the visitor's connection and browser tell about them when they are first seen.
public struct VisitorProfile: Sendable, Equatable {
    public var userAgent: String?
    public var ipAddress: String?
    public var language: String?
    public var sourceURL: String?
    /// As the browser reports it ("1680x1050").
    public var screenResolution: String?
    /// An IANA name ("Asia/Shanghai"), as browsers report it.
    public var timeZone: String?

    public init(
        userAgent: String? = nil, ipAddress: String? = nil, language: String? = nil, sourceURL: String? = nil,
        screenResolution: String? = nil, timeZone: String? = nil
    ) {
        self.userAgent = userAgent
        self.ipAddress = ipAddress
        self.language = language
        self.sourceURL = sourceURL
        self.screenResolution = screenResolution
        self.timeZone = timeZone
    }
}
