import Foundation

/// Which hosts webhooks may be sent to: public addresses only, so that an admin's (or a
/// stolen admin token's) webhook cannot reach the server's own network (SSRF), unless the
/// operator allows private addresses.
public struct WebhookAddressPolicy: Sendable {
    public var allowsPrivateAddresses: Bool
    private let resolver: any HostResolver

    public init(allowsPrivateAddresses: Bool, resolver: any HostResolver) {
        self.allowsPrivateAddresses = allowsPrivateAddresses
        self.resolver = resolver
    }

    /// Why a host may not be sent to.
    public enum Refusal: Sendable, Equatable {
        case unresolvable(host: String)
        case notPublic(host: String, address: String)

        public var reason: String {
            switch self {
            case .unresolvable(let host): "\(host) does not resolve to any address"
            case .notPublic(let host, let address): "\(host) resolves to \(address), which is not a public address"
            }
        }
    }

    /// Why `host` may not be sent to, or nil when it may: it resolves to no address, or to an
    /// address that is not public.
    public func refusal(forHost host: String) async -> Refusal? {
        guard !allowsPrivateAddresses else { return nil }
        let literal = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses: [String]
        if IPAddressText.address(literal) != nil {
            addresses = [literal]
        } else {
            guard let resolved = try? await resolver.addresses(of: host), !resolved.isEmpty else {
                return .unresolvable(host: host)
            }
            addresses = resolved
        }
        for text in addresses {
            guard let address = IPAddressText.address(text), Self.isPublic(address) else {
                return .notPublic(host: host, address: text)
            }
        }
        return nil
    }

    /// Whether an address (IPv4 ones IPv4-mapped) lies outside every loopback, private,
    /// link-local, shared, unspecified and multicast range.
    public static func isPublic(_ address: UInt128) -> Bool {
        !nonPublicRanges.contains { $0.contains(address: address) }
    }

    private static let nonPublicRanges: [AddressRange] = [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
    ].compactMap(AddressRange.init)
}
