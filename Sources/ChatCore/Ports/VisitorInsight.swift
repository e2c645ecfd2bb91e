/// What a visitor's user agent says about their device.
public struct DeviceInfo: Sendable, Equatable {
    public var browser: String?
    public var browserMajorVersion: String?
    public var platform: String?
    public var platformVersion: String?
    public var deviceType: DeviceType?

    public init(browser: String? = nil, browserMajorVersion: String? = nil, platform: String? = nil,
                platformVersion: String? = nil, deviceType: DeviceType? = nil) {
        self.browser = browser
        self.browserMajorVersion = browserMajorVersion
        self.platform = platform
        self.platformVersion = platformVersion
        self.deviceType = deviceType
    }
}

public enum DeviceType: String, Sendable, CaseIterable {
    case desktop = "Desktop"
    case mobile = "Mobile"
    case tablet = "Tablet"
    case bot = "Bot"
}

/// Where a visitor's address is, as far as an offline database knows.
public struct GeoInfo: Sendable, Equatable {
    /// ISO 3166-1 alpha-2, upper case ("PE").
    public var countryCode: String
    /// The country's English name ("Peru").
    public var country: String
    /// The continent's English name ("South America"), when known.
    public var continent: String?
    /// The flag emoji made of the code's regional-indicator letters ("🇵🇪").
    public var flag: String

    public init(countryCode: String, country: String, continent: String?, flag: String) {
        self.countryCode = countryCode
        self.country = country
        self.continent = continent
        self.flag = flag
    }
}

/// Reads a user-agent string.
public protocol UserAgentParsing: Sendable {
    func device(from userAgent: String) -> DeviceInfo
}

/// Finds the country of an IP address; nil for private, loopback and unknown addresses.
public protocol GeoLocating: Sendable {
    func locate(_ ipAddress: String) -> GeoInfo?
}
