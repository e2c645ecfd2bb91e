import ChatCore
import Testing
@testable import VisitorInsight

/// Lookups in the installed `tor-geoipdb` data. Each expected country was read off the data
/// itself (June 2026 build), and all are long-lived infrastructure addresses.
@Suite("Locating addresses in the installed data", .timeLimit(.minutes(5)))
struct GeoLocatorTests {
    static let located: [(address: String, code: String, country: String, continent: String)] = [
        ("132.251.2.247", "PE", "Peru", "South America"),
        ("200.160.2.3", "BR", "Brazil", "South America"),
        ("8.8.8.8", "US", "United States", "North America"),
        ("193.0.6.139", "NL", "Netherlands", "Europe"),
        ("81.2.69.160", "GB", "United Kingdom", "Europe"),
        ("202.12.27.33", "JP", "Japan", "Asia"),
        ("41.190.0.1", "NG", "Nigeria", "Africa"),
        ("203.2.218.214", "AU", "Australia", "Oceania"),
        ("2001:4860:4860::8888", "US", "United States", "North America"),
        ("2001:67c:2e8:22::c100:68b", "NL", "Netherlands", "Europe"),
        ("2001:dc3::35", "JP", "Japan", "Asia"),
        ("2c0f:f7f8::1", "ZA", "South Africa", "Africa"),
        ("2001:44b8::1", "AU", "Australia", "Oceania"),
        ("::ffff:132.251.2.247", "PE", "Peru", "South America"),
        ("2002:84fb:2f7::1", "PE", "Peru", "South America"),  // 6to4 for 132.251.2.247
    ]

    @Test(arguments: located)
    func locates(_ sample: (address: String, code: String, country: String, continent: String)) throws {
        let geo = try #require(try InstalledData.locator().locate(sample.address))
        #expect(geo.countryCode == sample.code)
        #expect(geo.country == sample.country)
        #expect(geo.continent == sample.continent)
    }

    @Test func theSeedSampleIsInPeru() throws {
        let geo = try InstalledData.locator().locate("132.251.2.247")
        #expect(geo == GeoInfo(countryCode: "PE", country: "Peru", continent: "South America", flag: "🇵🇪"))
    }

    static let notPublic = [
        "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "127.0.0.1", "169.254.1.1", "100.64.0.1",
        "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255", "198.18.0.1", "192.0.2.1",
        "::", "::1", "fe80::1", "fc00::1", "fd01:9002:239::1", "ff02::1",
        "::ffff:10.0.0.1", "::ffff:127.0.0.1", "2002:a00:1::1",
        // The data places these in Japan and the United States; they are the IPv6 benchmarking
        // and AS112 (anycast) blocks.
        "2001:2::1", "2001:4:112::1", "2001:db8::1",
    ]

    @Test(arguments: notPublic)
    func findsNoCountryFor(_ address: String) throws {
        #expect(try InstalledData.locator().locate(address) == nil)
    }

    static let malformed = [
        "", "not an address", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", " 8.8.8.8", "8.8.8.8 ",
        "8.8.8.8:53", "8.8.8.0/24", "[2001:4860:4860::8888]", "2001:4860:4860::8888%eth0", "1::2::3",
        "12345::1", "2001:4860:4860:0:0:0:0:8888:1", "::g",
    ]

    @Test(arguments: malformed)
    func refusesMalformed(_ address: String) throws {
        #expect(try InstalledData.locator().locate(address) == nil)
    }

    @Test func loadsBothFamilies() throws {
        let counts = try InstalledData.locator().rangeCounts
        #expect(counts.ipv4 > 100_000)
        #expect(counts.ipv6 > 100_000)
    }
}
