import Foundation
import HTTPTypes
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address range, e.g. `10.0.0.0/8` or `::1/128`; a bare address is a range of one.
public struct AddressRange: Sendable, Equatable {
    private let bytes: [UInt8]
    private let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let bytes = Self.bytes(of: parts[0]) else { return nil }
        let maxLength = bytes.count * 8
        let length = parts.count == 2 ? Int(parts[1]) : maxLength
        guard let length, (0...maxLength).contains(length) else { return nil }
        self.bytes = bytes
        self.prefixLength = length
    }

    func contains(_ address: String) -> Bool {
        guard let other = Self.bytes(of: address), other.count == bytes.count else { return false }
        var remaining = prefixLength
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if bytes[index] & mask != other[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The address as 4 or 16 bytes (an IPv4-mapped IPv6 address as its 4 IPv4 bytes), or
    /// nil when it is not an IP address.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]
        return Array(bytes.prefix(12)) == mappedPrefix ? Array(bytes.suffix(4)) : bytes
    }
}

/// Finds the client's address: the socket peer, unless the peer is a trusted proxy, in which
/// case the right-most address of `X-Forwarded-For` that is not itself a trusted proxy.
/// Untrusted peers cannot forge their address (and so their country or rate-limit bucket).
struct ClientAddressResolver: Sendable {
    let trustedProxies: [AddressRange]

    func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, isTrusted(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { AddressRange.bytes(of: $0) != nil }
        return hops.reversed().first { !isTrusted($0) } ?? hops.first ?? peer
    }

    private func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }
}

/// Puts the resolved client address in the context for every request.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    let resolver: ClientAddressResolver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = resolver.clientAddress(
            peer: context.remoteAddress?.ipAddress,
            forwardedFor: request.headers[values: HTTPField.Name("X-Forwarded-For")!]
        )
        return try await next(request, context)
    }
}
