import ChatCore

/// Finds a visitor's country in Tor's geoip range files (Debian's `tor-geoipdb` installs
/// `/usr/share/tor/geoip` and `/usr/share/tor/geoip6`, converted from the IPFire Location
/// database), held in memory and binary-searched.
///
/// Returns nil, never a guess, for addresses that are malformed, not public (private, shared,
/// loopback, link-local, multicast, documentation, unspecified), unknown to the data (`??`), or
/// in a block registered to a region rather than a country ("EU", "AP"). IPv4-mapped
/// (`::ffff:a.b.c.d`) and 6to4 (`2002::/16`) addresses are looked up as the IPv4 address they carry.
public struct OfflineGeoLocator: GeoLocating {
    private let ipv4: RangeTable<UInt32>
    private let ipv6: RangeTable<UInt128>
    private let places: [GeoInfo]

    /// Reads either file or both; a nil path leaves that address family unknown. Throws if a
    /// file cannot be read or has a line that is not `FROM,TO,CC` in ascending order.
    public init(ipv4At ipv4Path: String?, ipv6At ipv6Path: String?) throws {
        var catalog = PlaceCatalog()
        ipv4 = try ipv4Path.map { path in
            try TorGeoIPFile.read(path, catalog: &catalog, bound: IPAddressText.decimal)
        } ?? RangeTable()
        ipv6 = try ipv6Path.map { path in
            try TorGeoIPFile.read(path, catalog: &catalog, bound: IPAddressText.ipv6)
        } ?? RangeTable()
        places = catalog.places
    }

    /// How many ranges with a country were loaded (after merging neighbours in the same country).
    public var rangeCounts: (ipv4: Int, ipv6: Int) { (ipv4.count, ipv6.count) }

    /// The country of a bare IPv4 or IPv6 address ("132.251.2.247", "2001:4860::8888").
    public func locate(_ ipAddress: String) -> GeoInfo? {
        guard let address = IPAddressText.address(ipAddress) else { return nil }
        let place: UInt16? = switch AddressScope(address) {
        case .ipv4(let v4): ipv4.place(of: v4)
        case .ipv6(let v6): ipv6.place(of: v6)
        case .notPublic: nil
        }
        return place.map { places[Int($0)] }
    }
}
