/// Writes addresses back as text, in the one form each has, so that a stored range reads
/// back as the same range and two spellings of one range look alike.
extension IPAddressText {
    /// Dotted-quad IPv4 ("192.0.2.7").
    public static func ipv4Text(_ address: UInt32) -> String {
        (0..<4).map { String(address >> (24 - 8 * $0) & 0xff) }.joined(separator: ".")
    }

    /// IPv6 as RFC 5952 writes it: lowercase hex without leading zeros, the longest run of two
    /// or more zero groups (the first of equal runs) written "::" ("2001:db8::1").
    public static func ipv6Text(_ address: UInt128) -> String {
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: address >> (112 - 16 * $0)) }
        var best = (start: 0, length: 0)
        var run = (start: 0, length: 0)
        for (index, group) in groups.enumerated() {
            if group == 0 {
                run = run.length == 0 ? (index, 1) : (run.start, run.length + 1)
                if run.length > best.length { best = run }
            } else {
                run = (0, 0)
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// Either kind: an IPv4-mapped address as its IPv4 address, any other as IPv6.
    public static func text(_ address: UInt128) -> String {
        isMappedIPv4(address) ? ipv4Text(UInt32(truncatingIfNeeded: address)) : ipv6Text(address)
    }

    /// Whether the address is IPv4-mapped (`::ffff:a.b.c.d`), which Parley reads as IPv4.
    public static func isMappedIPv4(_ address: UInt128) -> Bool {
        address >> 32 == 0xffff
    }
}
