import ChatCore
import Crypto
import Foundation

/// The key that names a visitor's chat in its LivePerson URI (`.../chat/{key}`): the chat, the
/// visitor session that started it, and an HMAC-SHA256 of both under a key derived from the
/// JWT secret. LivePerson's clients keep nothing but the URI the chat request answers, so the
/// URI is the chat's token: it cannot be guessed or made to name another chat, and it stops
/// working when the visitor's session is revoked.
struct LPChatKeys: Sendable {
    private let key: SymmetricKey

    init(jwtSecret: String) {
        let derived = HMAC<SHA256>.authenticationCode(
            for: Data("parley liveperson chat keys".utf8), using: SymmetricKey(data: Data(jwtSecret.utf8))
        )
        key = SymmetricKey(data: Data(derived))
    }

    func key(for chat: ChatID, session: SessionID) -> String {
        "\(chat.rawValue)-\(session.rawValue)-\(Self.hex(signature(chat, session)))"
    }

    /// The chat and session a key names, if this server signed it.
    func open(_ key: String) -> (chat: ChatID, session: SessionID)? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard key.utf8.count <= 200, parts.count == 3, let code = Self.bytes(hex: parts[2]), code.count == Self.signatureBytes else {
            return nil
        }
        let chat = ChatID(String(parts[0]))
        let session = SessionID(String(parts[1]))
        guard Self.constantTimeEqual(code, signature(chat, session)) else { return nil }
        return (chat, session)
    }

    /// 128 bits of the HMAC: unguessable, and a shorter URI.
    private static let signatureBytes = 16

    private func signature(_ chat: ChatID, _ session: SessionID) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data("\(chat.rawValue)\n\(session.rawValue)".utf8), using: key).prefix(Self.signatureBytes))
    }

    private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
