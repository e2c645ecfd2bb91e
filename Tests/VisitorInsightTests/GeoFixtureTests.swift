import ChatCore
import Foundation
import Testing
@testable import VisitorInsight

/// Range boundaries, unknown codes and file errors, on the small files in Fixtures/.
@Suite("Locating addresses in fixture ranges", .timeLimit(.minutes(3)))
struct GeoFixtureTests {
    static func locator() throws -> OfflineGeoLocator {
        try OfflineGeoLocator(ipv4At: Fixture.path("geoip"), ipv6At: Fixture.path("geoip6"))
    }

    static let expectations: [(address: String, code: String?)] = [
        ("1.0.0.0", "AU"), ("1.0.0.255", "AU"),  // first and last address of a range
        ("1.0.1.0", "CN"), ("1.0.3.255", "CN"),  // the range right after it
        ("1.0.4.0", nil), ("1.0.4.255", nil),  // "??"
        ("1.0.5.7", nil),  // "EU": a region, not a country
        ("1.0.6.0", nil), ("1.0.7.255", nil),  // between ranges
        ("1.0.8.0", "GB"),  // written "UK"
        ("1.0.9.0", "DE"), ("1.0.9.127", "DE"), ("1.0.9.128", "DE"), ("1.0.9.255", "DE"), ("1.0.10.0", nil),
        ("10.1.2.3", nil),  // private, whatever the file says
        ("132.251.2.247", "PE"), ("132.250.255.255", nil), ("132.252.0.0", nil),
        ("223.255.255.255", "JP"), ("224.0.0.0", nil),  // the last range, then multicast
        ("2001:200::", "JP"), ("2001:200:ffff:ffff:ffff:ffff:ffff:ffff", "JP"), ("2001:201::", nil),
        ("2001:4860:4860::8888", "US"), ("2001:4861::1", nil),  // "??"
        ("2001:db8::1", nil),  // documentation, whatever the file says
        ("2a00:1450:4001:81b::200e", "IE"), ("2C0F:F7F8::1", "ZA"), ("2c0f:f7f9::", nil),
        ("::ffff:1.0.8.1", "GB"),
    ]

    @Test(arguments: expectations)
    func locates(_ expectation: (address: String, code: String?)) throws {
        #expect(try Self.locator().locate(expectation.address)?.countryCode == expectation.code)
    }

    @Test func describesTheCountry() throws {
        let locator = try Self.locator()
        #expect(locator.locate("1.0.8.1") == GeoInfo(countryCode: "GB", country: "United Kingdom", continent: "Europe", flag: "🇬🇧"))
        #expect(locator.locate("2c0f:f7f8::1") == GeoInfo(countryCode: "ZA", country: "South Africa", continent: "Africa", flag: "🇿🇦"))
    }

    @Test func keepsOnlyRangesWithACountryAndMergesTouchingOnes() throws {
        let counts = try Self.locator().rangeCounts
        #expect(counts.ipv4 == 7)  // AU, CN, GB, DE (two halves), 10/8, PE, JP
        #expect(counts.ipv6 == 5)
    }

    @Test func eitherFileMayBeLeftOut() throws {
        let v4Only = try OfflineGeoLocator(ipv4At: Fixture.path("geoip"), ipv6At: nil)
        #expect(v4Only.locate("132.251.2.247")?.countryCode == "PE")
        #expect(v4Only.locate("2001:4860:4860::8888") == nil)
        let v6Only = try OfflineGeoLocator(ipv4At: nil, ipv6At: Fixture.path("geoip6"))
        #expect(v6Only.locate("132.251.2.247") == nil)
        #expect(v6Only.locate("2001:4860:4860::8888")?.countryCode == "US")
    }

    @Test(arguments: [
        ("16777216,16777471\n", 1),
        ("# comment\n16777216,16777471,AU\nnot,a,line\n", 3),
        ("16777472,16778239,CN\n16777216,16777471,AU\n", 2),  // out of order
        ("16777216,16777471,AU\n16777400,16778239,CN\n", 2),  // overlapping
        ("16777471,16777216,AU\n", 1),  // upside down
        ("16777216,4294967296,AU\n", 1),  // beyond 32 bits
    ])
    func refusesAFileItCannotRead(contents: String, line: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("geoip-\(UUID().uuidString)").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: GeoRangeFileError.self) {
            try OfflineGeoLocator(ipv4At: path, ipv6At: nil)
        }
        #expect(error.line == line)
        #expect(error.path == path)
    }

    @Test func aMissingFileThrows() {
        #expect(throws: (any Error).self) {
            try OfflineGeoLocator(ipv4At: "/nonexistent/geoip", ipv6At: nil)
        }
    }

    @Test func searchesEdgesOfTheTable() {
        var table = RangeTable<UInt32>()
        #expect(table.place(of: 5) == nil)
        let appended = [
            table.append(10, 19, place: 0),
            table.append(30, 39, place: 1),
            table.append(40, 49, place: 1),  // touches and shares a place: merged
            table.append(50, UInt32.max, place: 2),
            table.append(60, 70, place: 3),  // overlaps
            table.append(9, 9, place: 3),  // below
        ]
        #expect(appended == [true, true, true, true, false, false])
        #expect(table.count == 3)
        let found = [0, 9, 10, 19, 20, 29, 30, 45, 49, 50, UInt32.max].map { table.place(of: $0) }
        #expect(found == [nil, nil, 0, 0, nil, nil, 1, 1, 1, 2, 2])
    }
}
