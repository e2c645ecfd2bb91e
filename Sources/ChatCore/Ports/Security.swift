/// Hashes and checks passwords with a deliberately slow algorithm.
public protocol PasswordHasher: Sendable {
    /// A hash of a password nobody knows, made with the same cost as real ones: checking a
    /// login for an unknown email against it takes as long as for a known one.
    var decoyHash: String { get }
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
}

/// Signs and checks access tokens.
public protocol AccessTokenCodec: Sendable {
    func sign(_ claims: AccessClaims) async throws -> String
    /// Returns the claims of a well-signed, unexpired token; throws `ChatError.unauthenticated` otherwise.
    func verify(_ token: String) async throws -> AccessClaims
}

/// Hashes refresh tokens before they are stored (a fast hash: the tokens are long and random),
/// and derives the token that replaces a spent one.
public protocol TokenHasher: Sendable {
    func hash(_ token: String) -> String
    /// The refresh token that replaces `token`: always the same for the same token (so two
    /// refreshes racing with one token get one successor), and unguessable without the server's key.
    func successor(of token: String) -> String
}
