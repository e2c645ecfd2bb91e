import Foundation

/// A message a visitor leaves when nobody can chat (outside the department's hours, or with
/// nobody online): agents read it later and answer by email.
public struct OfflineMessage: Sendable, Equatable {
    public var id: OfflineMessageID
    public var departmentID: DepartmentID
    /// The visitor who left it, when it was tracked on the site first.
    public var visitorID: VisitorID?
    public var name: String
    public var email: String
    public var text: String
    /// Where it was left from (address, browser, language, page).
    public var profile: VisitorProfile
    public var createdAt: Date

    public init(
        id: OfflineMessageID, departmentID: DepartmentID, visitorID: VisitorID?, name: String, email: String, text: String,
        profile: VisitorProfile, createdAt: Date
    ) {
        self.id = id
        self.departmentID = departmentID
        self.visitorID = visitorID
        self.name = name
        self.email = email
        self.text = text
        self.profile = profile
        self.createdAt = createdAt
    }
}

/// An offline message's id: an opaque string.
public struct OfflineMessageID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}
