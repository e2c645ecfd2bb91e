import Crypto
import Foundation

/// Standard Webhooks signatures: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`,
/// keyed with the base64-decoded part of the secret after `whsec_`.
enum WebhookSignature {
    /// The `webhook-signature` value, or nil for a secret that is not `whsec_` and base64.
    static func sign(id: String, timestamp: Int, body: String, secret: String) -> String? {
        guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst("whsec_".count))) else { return nil }
        let signed = Data("\(id).\(timestamp).\(body)".utf8)
        let code = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))
        return "v1," + Data(code).base64EncodedString()
    }
}
