/// The widget's pre-chat form: admins define its extra fields, the widget reads them before a
/// visitor exists, and a chat started through that form must answer them.
public struct PrechatFormService: Sendable {
    let store: any PrechatFieldStore & DirectoryStore
    let limits: ChatLimits

    public init(store: any PrechatFieldStore & DirectoryStore, limits: ChatLimits) {
        self.store = store
        self.limits = limits
    }

    /// The fields in the admin's order: every one, or the global ones and `departmentID`'s.
    /// Anyone may read them.
    public func fields(departmentID: DepartmentID?) async throws -> [PrechatField] {
        if let departmentID, try await store.department(departmentID) == nil { throw ChatError.departmentNotFound(departmentID) }
        return try await store.prechatFields(for: departmentID)
    }

    /// Replaces the whole list; an invalid list changes nothing.
    public func replace(_ drafts: [PrechatFieldDraft], by caller: Caller) async throws -> [PrechatField] {
        try caller.requireAdmin()
        let fields = try PrechatFormRule.definition(drafts, limits: limits)
        try await store.replacePrechatFields(fields)
        return fields
    }

    /// Refuses answers that miss a required field of the department's form or answer one wrongly.
    func check(_ answers: [CustomVariable], department: DepartmentID) async throws {
        let fields = try await store.prechatFields(for: department)
        try PrechatFormRule.check(answers, against: fields, limits: limits)
    }
}
