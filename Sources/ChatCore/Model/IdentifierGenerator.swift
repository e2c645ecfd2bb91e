/// Makes new random ids. Random, not sequential, so that ids do not reveal volumes
/// and cannot be guessed.
public enum IdentifierGenerator {
    /// Twelve lowercase hex digits, the shape IPTP uses for users and chats.
    public static func shortHex() -> String {
        hex(byteCount: 6)
    }

    /// A lowercase UUID (version 4).
    public static func uuid() -> String {
        var bytes = randomBytes(16)
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byteHex($0) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }

    /// A secret token of `byteCount` random bytes, hex encoded.
    public static func hex(byteCount: Int) -> String {
        randomBytes(byteCount).map { byteHex($0) }.joined()
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    private static func byteHex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
