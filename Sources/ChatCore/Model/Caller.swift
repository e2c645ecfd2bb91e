/// Who asks for an administrative change: an authenticated principal, or the operator
/// at the server's own command line (who is trusted).
public enum Caller: Sendable {
    case localOperator
    case principal(Principal)

    func requireAdmin() throws {
        guard case .principal(let principal) = self else { return }
        guard principal.agent?.isAdmin == true else {
            throw ChatError.forbidden(reason: "Only admins may do this.")
        }
    }
}
