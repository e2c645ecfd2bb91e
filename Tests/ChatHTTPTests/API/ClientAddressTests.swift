import ChatCore
import Testing

@testable import ChatHTTP

@Suite("Client address behind proxies", .timeLimit(.minutes(3)))
struct ClientAddressTests {
    let resolver = ClientAddressResolver(trustedProxies: ["10.0.0.0/8", "::1"].compactMap(AddressRange.init))

    @Test func anUntrustedPeerIsTheClientWhateverItForwards() {
        #expect(resolver.clientAddress(peer: "203.0.113.7", forwardedFor: ["132.251.2.247"]) == "203.0.113.7")
    }

    @Test func aTrustedProxyIsSeenThroughToTheRightMostUntrustedHop() {
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["198.51.100.1, 132.251.2.247, 10.9.9.9"]) == "132.251.2.247")
        #expect(resolver.clientAddress(peer: "::1", forwardedFor: ["132.251.2.247"]) == "132.251.2.247")
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: []) == "10.1.2.3")
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["not-an-address"]) == "10.1.2.3")
    }

    @Test func hopsWithPortsOrBracketsAreReadNotSkipped() {
        // The proxy wrote the right-most hop, with the client's port: the forged hop to its left is not believed.
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, 203.0.113.7:51234"]) == "203.0.113.7")
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, [2001:db8::7]:443"]) == "2001:db8::7")
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, [2001:db8::7]"]) == "2001:db8::7")
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, 2001:db8::7"]) == "2001:db8::7")
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["198.51.100.1", "203.0.113.7:80, 10.9.9.9:3128"]) == "203.0.113.7")
    }

    @Test func anUnparsableHopStopsTheWalkAtTheProxyThatPassedItOn() {
        for garbage in ["unknown", "_hidden", "1.2.3.4:99999", "1.2.3.4:", "1.2.3.4:+80", "[2001:db8::7", "[1.2.3.4]:80", "", "fe80::1%eth0"] {
            #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, \(garbage)"]) == "10.1.2.3", "\(garbage)")
            #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, \(garbage), 10.9.9.9"]) == "10.9.9.9", "\(garbage)")
        }
    }

    @Test func rateLimitsKeyIPv6OnItsSlash64AndIPv4OnItsAddress() {
        #expect(RateLimitKey.of("2001:db8:1:2::1") == RateLimitKey.of("2001:0DB8:1:2:ffff:ffff:ffff:ffff"))
        #expect(RateLimitKey.of("2001:db8:1:2::1") == "2001:db8:1:2::/64")
        #expect(RateLimitKey.of("2001:db8:1:2::1") != RateLimitKey.of("2001:db8:1:3::1"))
        #expect(RateLimitKey.of("203.0.113.7") == "203.0.113.7")
        #expect(RateLimitKey.of("203.0.113.7") != RateLimitKey.of("203.0.113.8"))
        #expect(RateLimitKey.of("::ffff:203.0.113.7") == "203.0.113.7")
        #expect(RateLimitKey.of("::ffff:203.0.113.7") != RateLimitKey.of("::ffff:203.0.113.8"))
        #expect(RateLimitKey.of(nil) == "unknown")
    }

    @Test func rangesMatchByPrefixAndIPv4MappedAddressesCountAsIPv4() throws {
        let range = try #require(AddressRange("192.168.0.0/16"))
        #expect(range.contains("192.168.44.1"))
        #expect(!range.contains("192.169.0.1"))
        #expect(range.contains("::ffff:192.168.1.1"))
        #expect(AddressRange("") == nil && AddressRange("1.2.3.4/40") == nil && AddressRange("nonsense") == nil)
    }
}
