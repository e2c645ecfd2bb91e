import Foundation

/// A reply agents insert by its shortcut instead of typing it again. A global one
/// (`departmentID` nil) serves every department; the others serve their own.
public struct CannedResponse: Sendable, Equatable {
    public var id: String
    /// `a-z 0-9 _ -`, unique within its department (or among the global ones).
    public var shortcut: String
    public var title: String
    public var text: String
    public var departmentID: DepartmentID?
    public var createdAt: Date

    public init(id: String, shortcut: String, title: String, text: String, departmentID: DepartmentID?, createdAt: Date) {
        self.id = id
        self.shortcut = shortcut
        self.title = title
        self.text = text
        self.departmentID = departmentID
        self.createdAt = createdAt
    }
}

/// What an admin changes in a canned response; nil leaves a part as it is.
public struct CannedResponsePatch: Sendable, Equatable {
    public var shortcut: String?
    public var title: String?
    public var text: String?
    /// `.some(nil)` makes the response global.
    public var departmentID: DepartmentID??

    public init(shortcut: String? = nil, title: String? = nil, text: String? = nil, departmentID: DepartmentID?? = nil) {
        self.shortcut = shortcut
        self.title = title
        self.text = text
        self.departmentID = departmentID
    }
}
