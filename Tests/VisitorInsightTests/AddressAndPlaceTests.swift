import ChatCore
import Foundation
import Testing
@testable import VisitorInsight

@Suite("Reading address text", .timeLimit(.minutes(3)))
struct AddressTextTests {
    static let mapped = IPAddressText.mappedIPv4Prefix

    static let valid: [(text: String, value: UInt128)] = [
        ("0.0.0.0", mapped),
        ("132.251.2.247", mapped | 0x84FB_02F7),
        ("255.255.255.255", mapped | 0xFFFF_FFFF),
        ("::", 0),
        ("::1", 1),
        ("1::", 1 << 112),
        ("1:2:3:4:5:6:7::", 0x0001_0002_0003_0004_0005_0006_0007_0000),
        ("1:2:3:4:5:6:7:8", 0x0001_0002_0003_0004_0005_0006_0007_0008),
        ("2001:DB8::8:800:200C:417A", 0x2001_0DB8_0000_0000_0008_0800_200C_417A),
        ("::ffff:132.251.2.247", mapped | 0x84FB_02F7),
        ("1:2:3:4:5:6:1.2.3.4", 0x0001_0002_0003_0004_0005_0006_0102_0304),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", 0x2001_0DB8_0000_0000_0000_0000_0000_0001),
    ]

    @Test(arguments: valid)
    func reads(_ sample: (text: String, value: UInt128)) {
        #expect(IPAddressText.address(sample.text) == sample.value)
    }

    @Test(arguments: [
        "", ".", "1.2.3", "1.2.3.", "1..2.3", "1.2.3.4.", "1234.1.1.1", "00.1.1.1", "1.2.3.-4",
        ":", ":::", ":1", "1:", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
        "::1.2.3", "::1.2.3.4:5", "1.2.3.4::", "fe80::1%eth0", "::x", "0x1.2.3.4",
    ])
    func refuses(_ text: String) {
        #expect(IPAddressText.address(text) == nil)
    }

    @Test func readsRangeFileBounds() {
        func decimal(_ text: String) -> UInt32? {
            var text = text
            return text.withUTF8 { IPAddressText.decimal($0) }
        }
        #expect(decimal("0") == 0)
        #expect(decimal("4294967295") == UInt32.max)
        #expect(decimal("4294967296") == nil)
        #expect(decimal("") == nil)
        #expect(decimal("12a") == nil)
    }
}

@Suite("Describing countries", .timeLimit(.minutes(3)))
struct PlaceCatalogTests {
    static let catalog = PlaceCatalog()

    @Test(arguments: [
        ("PE", "Peru", "South America", "🇵🇪"), ("BR", "Brazil", "South America", "🇧🇷"),
        ("US", "United States", "North America", "🇺🇸"), ("MX", "Mexico", "North America", "🇲🇽"),
        ("JM", "Jamaica", "North America", "🇯🇲"), ("DE", "Germany", "Europe", "🇩🇪"),
        ("JP", "Japan", "Asia", "🇯🇵"), ("NG", "Nigeria", "Africa", "🇳🇬"),
        ("NZ", "New Zealand", "Oceania", "🇳🇿"), ("AQ", "Antarctica", "Antarctica", "🇦🇶"),
        ("UK", "United Kingdom", "Europe", "🇬🇧"),
    ])
    func describes(code: String, country: String, continent: String, flag: String) throws {
        let place = try #require(Self.catalog.place(forCode: code))
        #expect(place.country == country)
        #expect(place.continent == continent)
        #expect(place.flag == flag)
        #expect(place.countryCode == (code == "UK" ? "GB" : code))
    }

    @Test(arguments: ["??", "EU", "AP", "UN", "ZZ", "AN", "CS", "SU", "AB", "OS", "pe", "P", "PER", ""])
    func namesNoCountryFor(_ code: String) {
        #expect(Self.catalog.place(forCode: code) == nil)
    }

    /// Every code in the installed data is a country with a continent, or one of the few
    /// known not to be: new codes in a data update show up here.
    @Test func everyCodeInTheInstalledDataIsUnderstood() throws {
        let notCountries: Set = ["??", "EU", "AP", "UN", "ZZ", "AN", "CS", "SU", "AB", "OS"]
        for path in [InstalledData.geoIPv4, InstalledData.geoIPv6] {
            try InstalledData.require(path, package: "tor-geoipdb")
            let codes = Set(try String(contentsOfFile: path, encoding: .utf8)
                .split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.suffix(2)) })
            for code in codes.subtracting(notCountries) {
                #expect(Self.catalog.place(forCode: code)?.continent != nil, "\(code) in \(path)")
            }
        }
    }
}
