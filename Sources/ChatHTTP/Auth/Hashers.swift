import ChatCore
import Crypto
import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run off the event loops: a check takes tens to hundreds of milliseconds by design.
struct BcryptPasswordHasher: PasswordHasher {
    let cost: UInt8
    let decoyHash: String

    init(cost: UInt8) {
        self.cost = cost
        decoyHash = Bcrypt.hash(IdentifierGenerator.hex(byteCount: 16), cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// A password bcrypt would not read whole never matches: bcrypt stops at 72 bytes and at
    /// U+0000, so anything after would be ignored and a longer guess would pass.
    func verify(_ password: String, against hash: String) async throws -> Bool {
        guard password.utf8.count <= Self.maxPasswordBytes, !password.utf8.contains(0) else { return false }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// The most bytes of a password bcrypt reads.
    static let maxPasswordBytes = 72
}

/// SHA-256, hex encoded: refresh tokens are long and random, so a fast hash suffices. Each
/// token's successor is an HMAC-SHA256 of it under a key derived from the server's secret.
struct SHA256TokenHasher: TokenHasher {
    private let successorKey: SymmetricKey

    init(secret: String) {
        // A key of its own, so that no value made with it can stand for an access-token signature.
        let derived = HMAC<SHA256>.authenticationCode(for: Array("parley refresh-token successor".utf8), using: SymmetricKey(data: Array(secret.utf8)))
        successorKey = SymmetricKey(data: Array(derived))
    }

    func hash(_ token: String) -> String {
        Self.hex(SHA256.hash(data: Array(token.utf8)))
    }

    func successor(of token: String) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: Array(token.utf8), using: successorKey))
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
