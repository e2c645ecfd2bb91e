import ChatCore
import Testing

@Suite("Address ranges")
struct AddressRangeTests {
    @Test func aSingleAddressHoldsItselfAlone() throws {
        let range = try #require(AddressRange("203.0.113.7"))
        #expect(range.contains("203.0.113.7") && range.contains("::ffff:203.0.113.7"))
        #expect(!range.contains("203.0.113.6") && !range.contains("203.0.113.8"))
        #expect(range.description == "203.0.113.7")
        #expect(AddressRange("2001:DB8:0:0::7")?.description == "2001:db8::7")
        #expect(AddressRange(" ::ffff:203.0.113.7 ")?.description == "203.0.113.7", "an IPv4-mapped address is its IPv4 address")
    }

    @Test func aCIDRBlockHoldsItsFirstAndLastAddressAndNotTheirNeighbours() throws {
        let v4 = try #require(AddressRange("192.0.2.0/24"))
        #expect(v4.contains("192.0.2.0") && v4.contains("192.0.2.255") && v4.contains("::ffff:192.0.2.128"))
        #expect(!v4.contains("192.0.1.255") && !v4.contains("192.0.3.0"))
        let v6 = try #require(AddressRange("2001:db8::/32"))
        #expect(v6.contains("2001:db8::") && v6.contains("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))
        #expect(!v6.contains("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff") && !v6.contains("2001:db9::"))
        #expect(!v6.contains("192.0.2.1"))
    }

    @Test func hostBitsInABlockStandForItsNetwork() {
        #expect(AddressRange("192.0.2.77/24") == AddressRange("192.0.2.0/24"))
        #expect(AddressRange("192.0.2.77/24")?.description == "192.0.2.0/24")
        #expect(AddressRange("2001:db8:1::5/32")?.description == "2001:db8::/32")
        #expect(AddressRange("::ffff:192.0.2.9/120")?.description == "192.0.2.0/24", "an IPv4-mapped block is an IPv4 block")
    }

    @Test func theWholeSpaceAndSingleAddressBlocks() throws {
        let everything = try #require(AddressRange("::/0"))
        #expect(everything.contains("::") && everything.contains("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") && everything.contains("10.0.0.1"))
        let allIPv4 = try #require(AddressRange("0.0.0.0/0"))
        #expect(allIPv4.contains("0.0.0.0") && allIPv4.contains("255.255.255.255") && !allIPv4.contains("::1"))
        #expect(AddressRange("10.1.2.3/32")?.contains("10.1.2.3") == true && AddressRange("10.1.2.3/32")?.contains("10.1.2.4") == false)
        #expect(AddressRange("::1/128")?.contains("::1") == true && AddressRange("::1/128")?.contains("::2") == false)
    }

    @Test func aSpanHoldsBothEnds() throws {
        let v4 = try #require(AddressRange("192.0.2.10-192.0.2.20"))
        #expect(v4.contains("192.0.2.10") && v4.contains("192.0.2.20") && v4.contains("::ffff:192.0.2.15"))
        #expect(!v4.contains("192.0.2.9") && !v4.contains("192.0.2.21"))
        #expect(v4.description == "192.0.2.10-192.0.2.20")
        let v6 = try #require(AddressRange("2001:db8::a-2001:db8::1:0"))
        #expect(v6.contains("2001:db8::a") && v6.contains("2001:db8::ffff") && v6.contains("2001:db8::1:0"))
        #expect(!v6.contains("2001:db8::9") && !v6.contains("2001:db8::1:1"))
        #expect(AddressRange("192.0.2.5-192.0.2.5")?.contains("192.0.2.5") == true)
    }

    @Test func eachWrittenFormReadsBackAsTheSameRange() throws {
        for text in ["192.0.2.0/24", "2001:db8::/32", "192.0.2.10-192.0.2.20", "::1-::ffff:0:0", "203.0.113.7", "::", "1:0:0:1::/64", "0.0.0.0/0"] {
            let range = try #require(AddressRange(text))
            #expect(AddressRange(range.description) == range, "\(text) written \(range.description)")
        }
        #expect(AddressRange("1:0:0:1:0:0:0:1")?.description == "1:0:0:1::1", "the longest zero run is the one shortened")
        #expect(AddressRange("1:0:0:1:0:0:1:1")?.description == "1::1:0:0:1:1", "of equal runs, the first")
        #expect(AddressRange("1:2:3:4:5:6:0:8")?.description == "1:2:3:4:5:6:0:8", "a lone zero group stays")
    }

    @Test func malformedRangesAreRefused() {
        let refused = [
            "", " ", "nonsense", "192.0.2.0/", "/24", "192.0.2.0/33", "2001:db8::/129", "192.0.2.0/-1", "192.0.2.0/+8", "192.0.2.0/0024",
            "192.0.2.0/24/8", "192.0.2.20-192.0.2.10", "192.0.2.1-2001:db8::1", "192.0.2.1-::ffff:192.0.2.9", "192.0.2.1-", "-192.0.2.1",
            "192.0.2.1-192.0.2.2-192.0.2.3", "192.0.2.256", "010.0.0.1", "fe80::1%eth0", "1::2::3", "192.0.2.0 /24",
            "192.0.2.1" + String(repeating: " ", count: 100),
        ]
        for text in refused {
            #expect(AddressRange(text) == nil, "\(text)")
        }
    }

    @Test func textThatIsNoAddressIsInNoRange() throws {
        let everything = try #require(AddressRange("::/0"))
        #expect(!everything.contains("unknown") && !everything.contains("") && !everything.contains("192.0.2.1:80"))
        #expect(!everything.contains(String(repeating: "1", count: 10_000)))
    }
}
