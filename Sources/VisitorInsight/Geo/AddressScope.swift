/// Which addresses may be looked up at all. Private, shared, loopback, link-local, multicast,
/// documentation and protocol addresses belong to no country, even where a range file lists one
/// (Tor's file puts the IPv6 benchmarking and AS112 blocks in Japan and the United States).
enum AddressScope: Equatable {
    case ipv4(UInt32)
    case ipv6(UInt128)
    case notPublic

    /// The scope of a 128-bit address, IPv4 ones being IPv4-mapped.
    init(_ address: UInt128) {
        if address >> 32 == 0xffff {
            self = Self.publicIPv4(UInt32(truncatingIfNeeded: address))
        } else if address >> 112 == 0x2002 {
            // 6to4: the site's own IPv4 address follows the prefix.
            self = Self.publicIPv4(UInt32(truncatingIfNeeded: address >> 80))
        } else if address >> 125 != 1 || Self.reservedIPv6.contains(where: { $0.contains(address) }) {
            // Only 2000::/3 is handed out as global unicast.
            self = .notPublic
        } else {
            self = .ipv6(address)
        }
    }

    private static func publicIPv4(_ address: UInt32) -> Self {
        reservedIPv4.contains { $0.contains(address) } ? .notPublic : .ipv4(address)
    }

    private static let reservedIPv4: [Prefix<UInt32>] = [
        .init(0x0000_0000, 8),  // 0.0.0.0/8 "this network", the unspecified address among them
        .init(0x0A00_0000, 8),  // 10.0.0.0/8 private
        .init(0x6440_0000, 10),  // 100.64.0.0/10 carrier-grade NAT
        .init(0x7F00_0000, 8),  // 127.0.0.0/8 loopback
        .init(0xA9FE_0000, 16),  // 169.254.0.0/16 link-local
        .init(0xAC10_0000, 12),  // 172.16.0.0/12 private
        .init(0xC000_0000, 24),  // 192.0.0.0/24 protocol assignments
        .init(0xC000_0200, 24),  // 192.0.2.0/24 documentation
        .init(0xC058_6300, 24),  // 192.88.99.0/24 6to4 relays (anycast)
        .init(0xC0A8_0000, 16),  // 192.168.0.0/16 private
        .init(0xC612_0000, 15),  // 198.18.0.0/15 benchmarking
        .init(0xC633_6400, 24),  // 198.51.100.0/24 documentation
        .init(0xCB00_7100, 24),  // 203.0.113.0/24 documentation
        .init(0xE000_0000, 4),  // 224.0.0.0/4 multicast
        .init(0xF000_0000, 4),  // 240.0.0.0/4 reserved, the broadcast address among them
    ]

    private static let reservedIPv6: [Prefix<UInt128>] = [
        .init(0x2001 << 112, 23),  // 2001::/23 protocol assignments (Teredo, benchmarking, AS112, ORCHID)
        .init(0x2001_0db8 << 96, 32),  // 2001:db8::/32 documentation
        .init(0x3fff << 112, 20),  // 3fff::/20 documentation
    ]
}

/// An address block such as 10.0.0.0/8.
struct Prefix<Address: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    let base: Address
    let length: Int

    init(_ base: Address, _ length: Int) {
        self.base = base
        self.length = length
    }

    func contains(_ address: Address) -> Bool {
        let shift = Address.bitWidth - length
        return address >> shift == base >> shift
    }
}
