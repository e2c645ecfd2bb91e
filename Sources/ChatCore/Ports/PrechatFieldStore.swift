/// The pre-chat form's field definitions, one ordered list.
public protocol PrechatFieldStore: Sendable {
    /// The fields in the admin's order: every one when `department` is nil, else the global
    /// ones and that department's.
    func prechatFields(for department: DepartmentID?) async throws -> [PrechatField]
    /// Replaces the whole list in one transaction; throws `ChatError.departmentNotFound` (and
    /// changes nothing) when a field names an unknown department.
    func replacePrechatFields(_ fields: [PrechatField]) async throws
}
