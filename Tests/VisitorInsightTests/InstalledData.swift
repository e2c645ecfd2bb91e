import Foundation
import Testing
@testable import VisitorInsight

/// The data sets Debian installs (CI installs `uap-core` and `tor-geoipdb`). A missing file fails
/// the tests that need it, naming the package: a silent skip would hide a broken CI.
enum InstalledData {
    static let uapRegexes = "/usr/share/uap-core/regexes.yaml"
    static let uapTests = "/usr/share/uap-core/tests"
    static let geoIPv4 = "/usr/share/tor/geoip"
    static let geoIPv6 = "/usr/share/tor/geoip6"

    /// One parser for the whole run: compiling the rules takes a while.
    static func parser() throws -> UAPUserAgentParser {
        try require(uapRegexes, package: "uap-core")
        return try sharedParser.get()
    }

    /// A parser of its own, for tests of its memory.
    static func freshParser(cacheLimit: Int) throws -> UAPUserAgentParser {
        try require(uapRegexes, package: "uap-core")
        return try UAPUserAgentParser(regexesAt: uapRegexes, cacheLimit: cacheLimit)
    }

    /// One locator for the whole run: it holds half a million ranges.
    static func locator() throws -> OfflineGeoLocator {
        try require(geoIPv4, package: "tor-geoipdb")
        try require(geoIPv6, package: "tor-geoipdb")
        return try sharedLocator.get()
    }

    static func require(_ path: String, package: String) throws {
        try #require(FileManager.default.fileExists(atPath: path),
                     "\(path) is missing: apt-get install -y \(package)")
    }

    private static let sharedParser = Result { try UAPUserAgentParser(regexesAt: uapRegexes) }
    private static let sharedLocator = Result { try OfflineGeoLocator(ipv4At: geoIPv4, ipv6At: geoIPv6) }
}

/// Files committed beside the tests.
enum Fixture {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }
}
