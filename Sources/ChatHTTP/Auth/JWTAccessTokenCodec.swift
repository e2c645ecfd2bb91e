import ChatCore
import Foundation
import JWTKit

/// Access tokens as HS512 JWTs: `sub` is the agent or visitor id, `sid` the session,
/// `kind` agent or visitor. (Tokens issued before visitors had sessions of their own also
/// carry a `chat` claim, which is ignored: the session names the visitor, who owns its chats.)
struct JWTAccessTokenCodec: AccessTokenCodec {
    /// The only `alg` a token's header may name.
    static let algorithm = "HS512"
    private let keys: JWTKeyCollection
    private let parser = DefaultJWTParser()

    init(secret: String) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha512)
        self.keys = keys
    }

    func sign(_ claims: AccessClaims) async throws -> String {
        try await keys.sign(AccessTokenPayload(claims))
    }

    func verify(_ token: String) async throws -> AccessClaims {
        do {
            // jwt-kit checks the signature with the configured key whatever the header says, so
            // the header's own claim is checked here: a token that names another algorithm is
            // not one of ours.
            let header = try parser.parse(Array(token.utf8), as: AccessTokenPayload.self).header
            guard header.alg == Self.algorithm else { throw ChatError.unauthenticated }
            return try await keys.verify(token, as: AccessTokenPayload.self).claims()
        } catch {
            throw ChatError.unauthenticated
        }
    }
}

private struct AccessTokenPayload: JWTPayload {
    var sub: SubjectClaim
    var sid: String
    var kind: String
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    init(_ claims: AccessClaims) {
        switch claims.subject {
        case .agent(let agent):
            sub = SubjectClaim(value: agent.rawValue)
            kind = "agent"
        case .visitor(let visitor):
            sub = SubjectClaim(value: visitor.rawValue)
            kind = "visitor"
        }
        sid = claims.session.rawValue
        iat = IssuedAtClaim(value: claims.issuedAt)
        exp = ExpirationClaim(value: claims.expiresAt)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }

    func claims() throws -> AccessClaims {
        let subject: SessionSubject
        switch kind {
        case "agent": subject = .agent(AgentID(sub.value))
        case "visitor": subject = .visitor(VisitorID(sub.value))
        default: throw ChatError.unauthenticated
        }
        return AccessClaims(session: SessionID(sid), subject: subject, issuedAt: iat.value, expiresAt: exp.value)
    }
}
