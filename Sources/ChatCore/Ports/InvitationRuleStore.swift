/// The auto-invitation rules admins set.
public protocol InvitationRuleStore: Sendable {
    /// Every rule, oldest first.
    func autoInvitationRules() async throws -> [AutoInvitationRule]
    func createAutoInvitationRule(_ rule: AutoInvitationRule) async throws
    /// Answers whether a rule had the id.
    func deleteAutoInvitationRule(_ id: String) async throws -> Bool
}
