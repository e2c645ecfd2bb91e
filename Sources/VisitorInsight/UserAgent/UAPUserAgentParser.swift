import ChatCore
import Foundation
import Synchronization

/// Reads user agents with uap-core's rules (`regexes.yaml`, e.g. from Debian's `uap-core`
/// package at `/usr/share/uap-core/regexes.yaml`), and remembers each distinct one.
///
/// - `browser`, `browserMajorVersion`: uap-core's user-agent family ("Chrome Mobile", "Firefox")
///   and major version.
/// - `platform`, `platformVersion`: uap-core's OS family ("Windows", "Mac OS X", "iOS") and its
///   version as "major.minor" when the agent says a minor version ("10.15", "17.4"), else "major"
///   ("14", "10"): the minor is what tells macOS and iOS releases apart.
/// - `deviceType`: uap-core names devices, not kinds of device, so the kind is derived: device
///   family "Spider" is a bot; an iPad, a "Tablet" family, or Android without "Mobile" in the agent
///   (Android's own convention) is a tablet; "Mobi" in the agent (Mozilla's advice to sites), iOS
///   or Android is a phone; anything else, command-line clients included, is a desktop.
///
/// uap-core's "Other" (nothing matched) becomes nil. An empty user agent gives an empty `DeviceInfo`.
public final class UAPUserAgentParser: UserAgentParsing {
    /// Longer user agents are read (and remembered) by their first this-many UTF-8 bytes only:
    /// real ones are far shorter, and it bounds what one crafted header costs in time and memory.
    public static let maximumLength = 1_024

    /// The compiled rules, for reading an agent uncached.
    let rules: UAPRuleSet
    private let cacheLimit: Int
    private let cache = Mutex<[String: DeviceInfo]>([:])

    /// Loads and compiles every rule of a uap-core `regexes.yaml`; throws if the file cannot be
    /// read or a rule does not compile. Up to `cacheLimit` distinct user agents are remembered;
    /// past that the memory starts over.
    public init(regexesAt path: String, cacheLimit: Int = 10_000) throws {
        rules = try UAPRuleSet(regexesAt: path)
        self.cacheLimit = max(cacheLimit, 1)
    }

    /// What `userAgent` says, from memory when it was read before.
    public func device(from userAgent: String) -> DeviceInfo {
        let text = userAgent.utf8.count <= Self.maximumLength
            ? userAgent : String(decoding: userAgent.utf8.prefix(Self.maximumLength), as: UTF8.self)
        if let known = cache.withLock({ $0[text] }) { return known }
        // Parsed outside the lock: a full scan costs a few milliseconds, and two callers
        // parsing the same new agent at once merely do the same work twice.
        let info = Self.deviceInfo(from: rules.parse(text), userAgent: text)
        cache.withLock { entries in
            // Starting over is crude but cheap, and real traffic has far fewer distinct agents.
            if entries.count >= cacheLimit { entries.removeAll(keepingCapacity: true) }
            entries[text] = info
        }
        return info
    }

    /// How many user agents are remembered now.
    var cachedCount: Int { cache.withLock { $0.count } }

    static func deviceInfo(from result: UAPResult, userAgent: String) -> DeviceInfo {
        guard !userAgent.isEmpty else { return DeviceInfo() }
        let browser = result.userAgent.family == "Other" ? nil : result.userAgent
        let os = result.os.family == "Other" ? nil : result.os
        return DeviceInfo(
            browser: browser?.family,
            browserMajorVersion: browser?.major,
            platform: os?.family,
            platformVersion: os.flatMap(version),
            deviceType: deviceType(of: result, userAgent: userAgent)
        )
    }

    private static func version(_ os: UAPResult.Software) -> String? {
        guard let major = os.major else { return nil }
        return os.minor.map { "\(major).\($0)" } ?? major
    }

    static func deviceType(of result: UAPResult, userAgent: String) -> DeviceType {
        let family = result.device.family
        let os = result.os.family
        if family == "Spider" { return .bot }
        if family == "iPad" || family.contains("Tablet") || (os == "Android" && !userAgent.contains("Mobile")) {
            return .tablet
        }
        if userAgent.contains("Mobi") || os == "iOS" || os == "Android" { return .mobile }
        return .desktop
    }
}
