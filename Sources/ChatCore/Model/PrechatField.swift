/// A question of the widget's pre-chat form beyond the built-in name, email and message.
/// A global one (`departmentID` nil) is asked for every department.
public struct PrechatField: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case text, email, tel, textarea, select, checkbox
    }

    /// The answer's name in the form's `fields` (`order_number`).
    public var key: String
    public var label: String
    public var kind: Kind
    public var isRequired: Bool
    /// The choices of a `select`; empty for every other kind.
    public var options: [String]
    public var departmentID: DepartmentID?

    public init(key: String, label: String, kind: Kind, isRequired: Bool, options: [String] = [], departmentID: DepartmentID? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.isRequired = isRequired
        self.options = options
        self.departmentID = departmentID
    }
}

/// A field as an admin sends it, its type still the name it was given (checked with the rest).
public struct PrechatFieldDraft: Sendable, Equatable {
    public var key: String
    public var label: String
    public var type: String
    public var isRequired: Bool
    public var options: [String]
    public var departmentID: DepartmentID?

    public init(key: String, label: String, type: String, isRequired: Bool, options: [String], departmentID: DepartmentID?) {
        self.key = key
        self.label = label
        self.type = type
        self.isRequired = isRequired
        self.options = options
        self.departmentID = departmentID
    }
}
