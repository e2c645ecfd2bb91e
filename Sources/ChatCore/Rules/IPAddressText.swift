/// Reads textual IP addresses from UTF-8 bytes. Written by hand rather than with `inet_pton`
/// because the same code reads the range files' half a million addresses, straight from the
/// file's bytes; it sticks to plain integer operations so that even debug builds load quickly.
/// Bans, trusted proxies, rate-limit buckets and geolocation all read addresses with it, so an
/// address means the same to each of them.
public enum IPAddressText {
    /// A dotted-quad IPv4 address ("192.0.2.1"). Leading zeros are refused: some parsers read
    /// them as octal, so "010.0.0.1" has no one meaning.
    public static func ipv4(_ text: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let dot = UInt8(ascii: "."), zero = UInt8(ascii: "0")
        var address: UInt32 = 0
        var octets = 0
        var index = 0
        while index < text.count {
            if octets > 0 {
                guard text[index] == dot, index + 1 < text.count else { return nil }
                index += 1
            }
            let start = index
            var value: UInt32 = 0
            while index < text.count, index - start < 3, let digit = decimalDigit(text[index]) {
                value = value * 10 + UInt32(digit)
                index += 1
            }
            let length = index - start
            guard length > 0, value <= 255, length == 1 || text[start] != zero else { return nil }
            address = address << 8 | value
            octets += 1
            guard octets < 4 || index == text.count else { return nil }
        }
        return octets == 4 ? address : nil
    }

    /// An IPv6 address in any RFC 4291 text form ("2001:db8::1", "::ffff:192.0.2.1").
    /// Zone indices ("fe80::1%eth0") are refused.
    public static func ipv6(_ text: UnsafeBufferPointer<UInt8>) -> UInt128? {
        var head: UInt128 = 0, headGroups = 0
        var tail: UInt128 = 0, tailGroups = 0
        var sawGap = false
        var index = 0
        let colon = UInt8(ascii: ":"), dot = UInt8(ascii: ".")

        if text.count >= 2, text[0] == colon, text[1] == colon {
            sawGap = true
            index = 2
        }
        while index < text.count {
            let start = index
            var value: UInt32 = 0
            while index < text.count, index - start <= 4, let digit = hexDigit(text[index]) {
                value = value << 4 | UInt32(digit)
                index += 1
            }
            var groups = 1
            if index < text.count, text[index] == dot {
                // An embedded IPv4 address fills the last two groups.
                guard let v4 = ipv4(UnsafeBufferPointer(rebasing: text[start...])) else { return nil }
                value = v4
                groups = 2
                index = text.count
            } else {
                guard index > start, index - start <= 4 else { return nil }
            }
            let group = UInt128(value)
            if sawGap {
                tail = tail << (16 * groups) | group
                tailGroups += groups
            } else {
                head = head << (16 * groups) | group
                headGroups += groups
            }
            guard headGroups + tailGroups <= 8 else { return nil }
            guard index < text.count else { break }
            guard text[index] == colon, index + 1 < text.count else { return nil }
            index += 1
            if text[index] == colon {
                guard !sawGap else { return nil }
                sawGap = true
                index += 1
            }
        }
        let groups = headGroups + tailGroups
        guard sawGap ? groups <= 7 : groups == 8 else { return nil }
        return head << (16 * (8 - headGroups)) | tail
    }

    /// An unsigned decimal that fits in 32 bits ("16777216").
    public static func decimal(_ text: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard !text.isEmpty, text.count <= 10 else { return nil }
        var value: UInt64 = 0
        for index in 0..<text.count {
            guard let digit = decimalDigit(text[index]) else { return nil }
            value = value * 10 + UInt64(digit)
        }
        return value <= UInt64(UInt32.max) ? UInt32(truncatingIfNeeded: value) : nil
    }

    /// Either kind of address, as 128 bits; IPv4 ones come back IPv4-mapped (`::ffff:a.b.c.d`).
    public static func address(_ text: String) -> UInt128? {
        var text = text
        return text.withUTF8 { bytes in
            if let v4 = ipv4(bytes) { return mappedIPv4Prefix | UInt128(v4) }
            return ipv6(bytes)
        }
    }

    /// The prefix of an IPv4-mapped IPv6 address, `::ffff:0:0/96`.
    public static let mappedIPv4Prefix: UInt128 = 0xffff << 32

    private static func decimalDigit(_ byte: UInt8) -> UInt8? {
        let value = byte &- 0x30  // "0"
        return value < 10 ? value : nil
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        if let value = decimalDigit(byte) { return value }
        let letter = (byte | 0x20) &- 0x61  // "A"..."F" and "a"..."f" both become 0...5
        return letter < 6 ? letter + 10 : nil
    }
}
