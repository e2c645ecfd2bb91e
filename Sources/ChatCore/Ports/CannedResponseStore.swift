/// The canned responses admins write for agents.
public protocol CannedResponseStore: Sendable {
    /// The global responses plus those of `departments` (every response when nil), by shortcut.
    func cannedResponses(in departments: [DepartmentID]?) async throws -> [CannedResponse]
    func cannedResponse(_ id: String) async throws -> CannedResponse?
    /// Throws `ChatError.shortcutTaken` when its department (or the global scope) already
    /// has the shortcut, and `ChatError.departmentNotFound` for an unknown department.
    func createCannedResponse(_ response: CannedResponse) async throws
    /// Replaces the stored response with the same id, with the errors of `createCannedResponse`
    /// and `ChatError.cannedResponseNotFound`.
    func updateCannedResponse(_ response: CannedResponse) async throws
    /// Answers whether a response had the id.
    func deleteCannedResponse(_ id: String) async throws -> Bool
}
