import ChatCore
import Foundation
import Logging
import VisitorInsight

/// Loads the visitor-intelligence data sets named in the configuration. A missing data set
/// is not fatal: the server starts, warns (naming the package and the setting), and reports
/// that part of every visitor as unknown.
enum InsightLoader {
    static func load(_ data: InsightData, logger: Logger) -> VisitorInsights {
        VisitorInsights(userAgents: userAgents(data, logger: logger), locations: locations(data, logger: logger))
    }

    private static func userAgents(_ data: InsightData, logger: Logger) -> (any UserAgentParsing)? {
        guard let path = data.userAgentRegexes else { return nil }
        guard FileManager.default.fileExists(atPath: path) else {
            logger.warning("browser, platform and device type will be unknown: \(path) is missing; install the Debian package uap-core or set PARLEY_UAP_REGEXES")
            return nil
        }
        do {
            return try UAPUserAgentParser(regexesAt: path)
        } catch {
            logger.warning("browser, platform and device type will be unknown: cannot read \(path) (PARLEY_UAP_REGEXES): \(error)")
            return nil
        }
    }

    private static func locations(_ data: InsightData, logger: Logger) -> (any GeoLocating)? {
        let present = [data.geoIPv4, data.geoIPv6].map { path in path.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil } }
        guard present.contains(where: { $0 != nil }) else {
            if data.geoIPv4 != nil || data.geoIPv6 != nil {
                logger.warning("country, continent and flag will be unknown: the IP ranges are missing; install the Debian package tor-geoipdb or set PARLEY_GEOIP_V4 and PARLEY_GEOIP_V6")
            }
            return nil
        }
        do {
            return try OfflineGeoLocator(ipv4At: present[0], ipv6At: present[1])
        } catch {
            logger.warning("country, continent and flag will be unknown: cannot read the IP ranges (PARLEY_GEOIP_V4, PARLEY_GEOIP_V6): \(error)")
            return nil
        }
    }
}
