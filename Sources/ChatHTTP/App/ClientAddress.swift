import ChatCore
import Foundation
import HTTPTypes
import Hummingbird

/// Finds the client's address: the socket peer, unless the peer is a trusted proxy, in which
/// case `X-Forwarded-For` is walked from the right (the hop the proxy wrote) past every trusted
/// proxy to the first address that is not one. Hops may carry a port (`IP:port`, `[v6]:port`).
/// A hop that is no address stops the walk at the proxy that passed it on, so neither a port
/// nor garbage lets a client slip its own choice of address past a proxy. Untrusted peers
/// cannot forge their address (and so their country or rate-limit bucket).
struct ClientAddressResolver: Sendable {
    let trustedProxies: [AddressRange]

    func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard var client = peer, isTrusted(client) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for hop in hops.reversed() {
            guard let address = Self.address(ofHop: hop.trimmingCharacters(in: .whitespaces)) else { return client }
            client = address
            if !isTrusted(address) { return address }
        }
        return client
    }

    /// The IP address of one `X-Forwarded-For` hop, without its port or brackets; nil when the
    /// hop is not an address (`unknown`, an obfuscated name, a malformed port).
    static func address(ofHop hop: String) -> String? {
        var host = Substring(hop)
        var port: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return nil }
                port = rest.dropFirst()
            }
            host = host[host.index(after: host.startIndex)..<close]
            guard host.contains(":") else { return nil }
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            port = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        if let port {
            guard (1...5).contains(port.count), port.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(port), number <= 65535 else {
                return nil
            }
        }
        let address = String(host)
        return IPAddressText.address(address) == nil ? nil : address
    }

    func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }
}

/// The bucket of per-address limits. An IPv6 client usually holds a whole /64 and picks any
/// address in it at will, so IPv6 addresses count by their /64; IPv4 addresses (also written
/// IPv4-mapped, `::ffff:a.b.c.d`) count by themselves.
enum RateLimitKey {
    /// The bucket of `address`; clients of unknown address share one.
    static func of(_ address: String?) -> String {
        guard let address else { return "unknown" }
        guard let value = IPAddressText.address(address) else { return address }
        if IPAddressText.isMappedIPv4(value) {
            return IPAddressText.text(value)
        }
        let groups = (0..<4).map { String(UInt16(truncatingIfNeeded: value >> (112 - 16 * $0)), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}

/// Puts the resolved client address, and whether a trusted proxy passed the request on, in the
/// context for every request.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    let resolver: ClientAddressResolver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.isFromTrustedProxy = context.remoteAddress?.ipAddress.map(resolver.isTrusted) ?? false
        context.clientAddress = resolver.clientAddress(
            peer: context.remoteAddress?.ipAddress,
            forwardedFor: request.headers[values: HTTPField.Name("X-Forwarded-For")!]
        )
        return try await next(request, context)
    }
}
