import Foundation

/// A set of IP addresses: one address ("192.0.2.7"), a CIDR block ("192.0.2.0/24",
/// "2001:db8::/32") or an inclusive span of one family ("192.0.2.10-192.0.2.20").
///
/// IPv4 and IPv6 share one 128-bit space in which IPv4 addresses are IPv4-mapped
/// (`::ffff:a.b.c.d`), so a client seen as `::ffff:192.0.2.7` is in every range that holds
/// 192.0.2.7, and an IPv6 block that covers `::ffff:0:0/96` (`::/0`, say) holds every IPv4
/// address. A CIDR block with host bits set ("192.0.2.7/24") is accepted and stands for its
/// network (192.0.2.0/24), as most firewalls read it; `description` shows the network.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the range, inclusive.
    public let lower: UInt128
    /// The last address of the range, inclusive.
    public let upper: UInt128
    /// The range in its one written form: IPv4 ranges (IPv4-mapped ones too) dotted, IPv6 ones
    /// as RFC 5952 writes them. Parsing it gives this range back.
    public let description: String

    /// The longest text a range may be: two full IPv6 addresses with embedded IPv4 and a dash
    /// fit in it.
    public static let maxBytes = 100

    /// Reads a range, or nil when the text is none of the three forms, longer than `maxBytes`,
    /// a CIDR prefix too long for its family, or a span whose ends differ in family or are
    /// in the wrong order. Whitespace around the text is ignored.
    public init?(_ text: String) {
        guard text.utf8.count <= Self.maxBytes else { return nil }
        let text = text.trimmingCharacters(in: .whitespaces)
        if let slash = text.firstIndex(of: "/") {
            let length = text[text.index(after: slash)...]
            guard let (address, isIPv4) = Self.address(text[..<slash]),
                  (1...3).contains(length.count), length.allSatisfy(\.isASCIIDigit), let bits = Int(length),
                  bits <= (isIPv4 ? 32 : 128)
            else { return nil }
            let prefix = isIPv4 ? bits + 96 : bits
            let hostBits = UInt128.max >> prefix
            self.init(lower: address & ~hostBits, upper: address | hostBits, prefix: prefix)
        } else if let dash = text.firstIndex(of: "-") {
            guard let (first, firstIsIPv4) = Self.address(text[..<dash]),
                  let (last, lastIsIPv4) = Self.address(text[text.index(after: dash)...]),
                  firstIsIPv4 == lastIsIPv4, first <= last
            else { return nil }
            self.init(lower: first, upper: last, prefix: nil)
        } else {
            guard let (address, _) = Self.address(Substring(text)) else { return nil }
            self.init(lower: address, upper: address, prefix: nil)
        }
    }

    private init(lower: UInt128, upper: UInt128, prefix: Int?) {
        self.lower = lower
        self.upper = upper
        let isIPv4 = IPAddressText.isMappedIPv4(lower) && IPAddressText.isMappedIPv4(upper)
        if let prefix {
            // A block's network is IPv4-mapped only when the block lies within ::ffff:0:0/96.
            description = isIPv4 ? "\(IPAddressText.text(lower))/\(prefix - 96)" : "\(IPAddressText.ipv6Text(lower))/\(prefix)"
        } else if lower == upper {
            description = IPAddressText.text(lower)
        } else {
            let write = isIPv4 ? IPAddressText.text : IPAddressText.ipv6Text
            description = "\(write(lower))-\(write(upper))"
        }
    }

    /// Whether `address` (IPv4, IPv6 or IPv4-mapped text) is in the range; text that is no
    /// address is in none.
    public func contains(_ address: String) -> Bool {
        guard address.utf8.count <= Self.maxBytes, let value = IPAddressText.address(address) else { return false }
        return contains(address: value)
    }

    /// Whether the 128-bit address (IPv4 ones IPv4-mapped) is in the range.
    public func contains(address: UInt128) -> Bool {
        lower <= address && address <= upper
    }

    /// One address and whether it was written as IPv4.
    private static func address(_ text: Substring) -> (UInt128, isIPv4: Bool)? {
        var text = String(text)
        return text.withUTF8 { bytes in
            if let v4 = IPAddressText.ipv4(bytes) { return (IPAddressText.mappedIPv4Prefix | UInt128(v4), true) }
            return IPAddressText.ipv6(bytes).map { ($0, false) }
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
