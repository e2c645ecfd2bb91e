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

    @Test func rangesMatchByPrefixAndIPv4MappedAddressesCountAsIPv4() throws {
        let range = try #require(AddressRange("192.168.0.0/16"))
        #expect(range.contains("192.168.44.1"))
        #expect(!range.contains("192.169.0.1"))
        #expect(range.contains("::ffff:192.168.1.1"))
        #expect(AddressRange("") == nil && AddressRange("1.2.3.4/40") == nil && AddressRange("nonsense") == nil)
    }
}
