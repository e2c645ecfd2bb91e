import ChatHTTP
import Crypto
import Foundation
import JWTKit
import ParleyTestSupport
import Testing

/// Access tokens are HS512: a token whose header names any other algorithm is refused, even
/// one made with the server's own secret.
@Suite("Access token algorithms")
struct AccessTokenAlgorithmTests {
    /// The claims of Parley's access tokens, as a forger would copy them.
    struct CopiedClaims: JWTPayload {
        var sub: SubjectClaim
        var sid: String
        var kind: String
        var iat: IssuedAtClaim
        var exp: ExpirationClaim

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    @Test(arguments: TestBackend.available)
    func tokensNamingAnotherAlgorithmThanHS512AreRefused(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let payload = try #require(IPTPGuestTests.base64URL(String(admin.split(separator: ".")[1])))
            let claims = try JSONDecoder().decode(CopiedClaims.self, from: payload)
            let secret = HMACKey(from: world.config.jwtSecret)
            let hs512 = await JWTKeyCollection().add(hmac: secret, digestAlgorithm: .sha512)
            let hs256 = await JWTKeyCollection().add(hmac: secret, digestAlgorithm: .sha256)
            let none = await JWTKeyCollection().addUnsecuredNone()
            func header(alg: String) -> JWTHeader {
                var header = JWTHeader()
                header.alg = alg
                return header
            }

            let resigned = try await hs512.sign(claims)
            #expect(try await world.call(.get, "/v1/me", token: resigned).status == .ok, "the copied claims are a valid token under HS512")
            let forged = [
                "HS256 with the server's secret": try await hs256.sign(claims),
                "alg none": try await none.sign(claims),
                "HS512 signature under a header saying HS256": try await hs512.sign(claims, header: header(alg: "HS256")),
                "HS512 signature under a header saying none": try await hs512.sign(claims, header: header(alg: "none")),
                "HS512 signature under a header naming no algorithm": Self.withoutAlgorithm(claims: payload, secret: world.config.jwtSecret),
            ]
            for (name, token) in forged {
                let response = try await world.call(.get, "/v1/me", token: token)
                #expect(response.status == .unauthorized, "\(name)")
            }
        }
    }

    /// A token whose header is `{"typ":"JWT"}`, signed with HS512 over exactly that header.
    static func withoutAlgorithm(claims: Data, secret: String) -> String {
        let encode = { (data: Data) in
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let input = encode(Data(#"{"typ":"JWT"}"#.utf8)) + "." + encode(claims)
        let signature = HMAC<SHA512>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return input + "." + encode(Data(signature))
    }
}
