/// Who asks for an administrative change: an authenticated principal, or the operator
/// at the server's own command line (who is trusted).
public enum Caller: Sendable {
    case localOperator
    case principal(Principal)

    /// Agents (and the operator) pass; visitors are refused.
    func requireAgent() throws {
        if case .principal(let principal) = self, principal.agent == nil {
            throw ChatError.forbidden(reason: "Only agents may do this.")
        }
    }

    func requireAdmin() throws {
        guard case .principal(let principal) = self else { return }
        guard principal.agent?.isAdmin == true else {
            throw ChatError.forbidden(reason: "Only admins may do this.")
        }
    }
}
