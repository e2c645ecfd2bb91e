import ChatCore
import Crypto
import Foundation

/// Signed links to attachments: `{public URL}/v1/attachments/{id}?expires={unix}&signature={hex}`,
/// where the signature is HMAC-SHA256 over the id and the expiry, keyed with a key derived
/// from the JWT secret (so a leaked link key never signs tokens, and the reverse).
struct AttachmentLinkSigner: AttachmentLinks {
    private let key: SymmetricKey
    private let publicURL: String?
    private let lifetime: Duration
    private let now: @Sendable () -> Date

    init(jwtSecret: String, publicURL: String?, lifetime: Duration, now: @escaping @Sendable () -> Date) {
        let derived = HMAC<SHA256>.authenticationCode(for: Data("parley attachment links".utf8), using: SymmetricKey(data: Data(jwtSecret.utf8)))
        key = SymmetricKey(data: Data(derived))
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.lifetime = lifetime
        self.now = now
    }

    init(_ config: AppConfig, now: @escaping @Sendable () -> Date) {
        self.init(jwtSecret: config.jwtSecret, publicURL: config.publicURL, lifetime: config.attachmentLinkLifetime, now: now)
    }

    func link(to id: AttachmentID) -> String? {
        guard let publicURL else { return nil }
        let expires = Int(now().timeIntervalSince1970) + Int(lifetime.components.seconds)
        return "\(publicURL)/v1/attachments/\(id.rawValue)?expires=\(expires)&signature=\(signature(of: id, expires: expires))"
    }

    /// Whether the link's signature is this server's and it has not expired.
    func isValid(_ id: AttachmentID, expires: Int, signature: String) -> Bool {
        guard expires >= Int(now().timeIntervalSince1970), let code = Self.bytes(hex: signature), code.count == SHA256.byteCount else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: Self.signed(id, expires: expires), using: key)
    }

    private func signature(of id: AttachmentID, expires: Int) -> String {
        HMAC<SHA256>.authenticationCode(for: Self.signed(id, expires: expires), using: key).map { byte in
            (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    private static func signed(_ id: AttachmentID, expires: Int) -> Data {
        Data("\(id.rawValue)\n\(expires)".utf8)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2), digits.count <= 128 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
