import Foundation

extension Validate {
    /// Characters an address's local part may hold unquoted (RFC 5322 atext, and dots).
    private static let localPartSymbols = Set("!#$%&'*+-/=?^_`{|}~.".unicodeScalars)

    /// An address mail may be sent to: `Validate.email`, and in ASCII only (the SMTP server
    /// may not speak SMTPUTF8), with an unquoted local part and a host name of letters,
    /// digits and hyphens, so that it is safe in a header and in `RCPT TO`.
    static func mailbox(_ value: String, field: ChatField, limits: ChatLimits) throws -> String {
        let refusal = ChatError.invalidField(
            field: field, reason: "must be a valid email address in ASCII of at most \(limits.maxEmailBytes) bytes"
        )
        let address: String
        do {
            address = try email(value, limits: limits)
        } catch {
            throw refusal
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let local = parts[0].unicodeScalars
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        let localIsPlain = local.allSatisfy { isLetterOrDigit($0) || localPartSymbols.contains($0) }
            && local.first != "." && local.last != "." && !parts[0].contains("..")
        let hostIsPlain = labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { isLetterOrDigit($0) || $0 == "-" }
        }
        guard localIsPlain, hostIsPlain else { throw refusal }
        return address
    }

    /// An ASCII letter or digit.
    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value) || (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }
}
