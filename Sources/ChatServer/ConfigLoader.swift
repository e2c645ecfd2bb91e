import ChatCore
import ChatHTTP
import ChatStorage
import Foundation
import Logging

/// A setting that is missing or malformed; its message names the setting.
struct ConfigurationError: Error, CustomStringConvertible {
    let description: String
}

/// Turns flags, environment variables and defaults into an `AppConfig`.
struct ConfigLoader {
    let environment: [String: String]

    func load(host: String?, port: Int?, databaseURL: String?, dataDir: String?, logLevel: String?) throws -> AppConfig {
        let dataDirectory = dataDir ?? environment["PARLEY_DATA_DIR"] ?? "./parley-data"
        let url = databaseURL ?? environment["PARLEY_DATABASE_URL"] ?? "sqlite:\(dataDirectory)/parley.sqlite"
        let storage: StorageLocation
        do {
            storage = try StorageLocation(url: url)
        } catch {
            throw ConfigurationError(description: "PARLEY_DATABASE_URL: \(error)")
        }
        if case .sqliteFile = storage {
            try createDirectory(dataDirectory)
        }
        var config = AppConfig(storage: storage, jwtSecret: try jwtSecret(dataDirectory: dataDirectory))
        config.host = host ?? environment["PARLEY_HOST"] ?? config.host
        config.port = try port ?? integer("PARLEY_PORT", in: 0...65535) ?? config.port
        let level = logLevel ?? environment["PARLEY_LOG_LEVEL"] ?? "info"
        guard let parsedLevel = Logger.Level(rawValue: level.lowercased()) else {
            throw ConfigurationError(description: "PARLEY_LOG_LEVEL: '\(level)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        config.logLevel = parsedLevel
        config.bcryptCost = UInt8(try integer("PARLEY_BCRYPT_COST", in: 4...31) ?? Int(config.bcryptCost))
        config.databasePoolSize = try integer("PARLEY_DATABASE_POOL_SIZE", in: 1...200) ?? config.databasePoolSize
        config.http.maxBodyBytes = try integer("PARLEY_MAX_BODY_BYTES", in: 1024...(64 << 20)) ?? config.http.maxBodyBytes
        if let seconds = try integer("PARLEY_LONG_POLL_MAX_SECONDS", in: 1...3600) {
            config.http.longPollMaxTimeout = .seconds(seconds)
            config.http.longPollDefaultTimeout = min(config.http.longPollDefaultTimeout, .seconds(seconds))
        }
        config.http.chatStartsPerMinute = try integer("PARLEY_CHAT_STARTS_PER_MINUTE", in: 1...1_000_000) ?? config.http.chatStartsPerMinute
        config.http.visitorTracksPerMinute = try integer("PARLEY_VISITOR_TRACKS_PER_MINUTE", in: 1...1_000_000)
            ?? config.http.visitorTracksPerMinute
        config.http.pageViewsPerMinute = try integer("PARLEY_PAGE_VIEWS_PER_MINUTE", in: 1...1_000_000) ?? config.http.pageViewsPerMinute
        config.http.loginsPerMinute = try integer("PARLEY_LOGINS_PER_MINUTE", in: 1...1_000_000) ?? config.http.loginsPerMinute
        if let seconds = try integer("PARLEY_ACCESS_TOKEN_TTL_SECONDS", in: 30...86_400) {
            config.tokens.accessTokenLifetime = .seconds(seconds)
        }
        if let seconds = try integer("PARLEY_VISITOR_TOKEN_TTL_SECONDS", in: 30...86_400) {
            config.tokens.visitorAccessTokenLifetime = .seconds(seconds)
        }
        if let seconds = try integer("PARLEY_REFRESH_GRACE_SECONDS", in: 0...60) {
            config.tokens.refreshReuseGrace = .seconds(seconds)
        }
        if let seconds = try integer("PARLEY_RENEWABLE_SESSION_IDLE_SECONDS", in: 60...86_400) {
            config.tokens.renewableIdleLifetime = .seconds(seconds)
        }
        if let seconds = try integer("PARLEY_RENEWABLE_SESSION_MAX_SECONDS", in: 60...30 * 86_400) {
            config.tokens.renewableMaxLifetime = .seconds(seconds)
        }
        try loadChatLimits(into: &config)
        try loadConnections(into: &config)
        try loadVisitorFacing(into: &config)
        try loadRouting(into: &config)
        try loadFaces(into: &config)
        try loadPrivacy(into: &config)
        try loadOutbound(into: &config)
        try loadAttachments(into: &config)
        try loadCalendars(into: &config, dataDirectory: dataDirectory)
        try loadProjectRapidPro(into: &config)
        try loadMail(into: &config)
        return config
    }

    /// Deadlines and limits that keep hostile or careless clients from holding connections.
    private func loadConnections(into config: inout AppConfig) throws {
        if let seconds = try integer("PARLEY_IDLE_TIMEOUT_SECONDS", in: 1...3600) {
            config.http.idleTimeout = .seconds(seconds)
        }
        if let seconds = try integer("PARLEY_WS_WRITE_TIMEOUT_SECONDS", in: 1...600) {
            config.http.socketWriteTimeout = .seconds(seconds)
        }
        config.feeds.perSession = try integer("PARLEY_MAX_FEEDS_PER_SESSION", in: 1...1000) ?? config.feeds.perSession
        config.feeds.perAddress = try integer("PARLEY_MAX_FEEDS_PER_ADDRESS", in: 1...1_000_000) ?? config.feeds.perAddress
    }

    /// What the vendor-compatible faces need to know about this server.
    private func loadFaces(into config: inout AppConfig) throws {
        if let account = environment["PARLEY_ACCOUNT_ID"] {
            guard !account.isEmpty, account.count <= 50, account.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ConfigurationError(description: "PARLEY_ACCOUNT_ID: '\(account)' must be 1 to 50 letters, digits, '-' or '_'")
            }
            config.livePersonAccountID = account
        }
        if let key = environment["PARLEY_LIVEPERSON_APP_KEY"] {
            guard (8...128).contains(key.utf8.count), key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw ConfigurationError(description: "PARLEY_LIVEPERSON_APP_KEY must be 8 to 128 letters, digits, '-' or '_'")
            }
            config.livePersonAppKey = key
        }
        if let url = environment["PARLEY_PUBLIC_URL"] {
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            guard let parsed = URL(string: trimmed), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil else {
                throw ConfigurationError(description: "PARLEY_PUBLIC_URL: '\(url)' is not an http or https URL")
            }
            config.publicURL = trimmed
        }
        if let folder = environment["PARLEY_WEB_DIR"] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ConfigurationError(description: "PARLEY_WEB_DIR: '\(folder)' is not a folder")
            }
            config.webDirectory = URL(fileURLWithPath: folder, isDirectory: true)
        }
        if let token = environment["PARLEY_LIVE_AGENTS_TOKEN"] {
            guard (16...512).contains(token.utf8.count), token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
                throw ConfigurationError(
                    description: "PARLEY_LIVE_AGENTS_TOKEN must be 16 to 512 printable ASCII characters without spaces"
                )
            }
            config.liveAgentsToken = token
        }
    }

    private func loadRouting(into config: inout AppConfig) throws {
        config.routing.defaultMaxChats = try integer("PARLEY_DEFAULT_MAX_CHATS", in: 1...100) ?? config.routing.defaultMaxChats
        if let seconds = try integer("PARLEY_OFFER_TIMEOUT_SECONDS", in: 1...3600) {
            config.routing.offerTimeout = .seconds(seconds)
        }
        if let milliseconds = try integer("PARLEY_SWEEP_INTERVAL_MS", in: 100...60_000) {
            config.routingSweepInterval = .milliseconds(milliseconds)
        }
        if let seconds = try integer("PARLEY_VISITOR_INACTIVITY_SECONDS", in: 30...86_400) {
            config.limits.visitorInactivityTimeout = .seconds(seconds)
        }
        if let seconds = try integer("PARLEY_VISITOR_AWAY_SECONDS", in: 30...86_400) {
            config.visitors.awayAfter = .seconds(seconds)
        }
        if let seconds = try integer("PARLEY_NEW_VISIT_AFTER_SECONDS", in: 60...604_800) {
            config.visitors.newVisitAfter = .seconds(seconds)
        }
        if let seconds = try integer("PARLEY_TYPING_LIFETIME_SECONDS", in: 1...60) {
            config.limits.typingLifetime = .seconds(seconds)
        }
        switch environment["PARLEY_AWAY_ON_MISSED_OFFER"]?.lowercased() {
        case nil, "on": config.routing.awayOnMissedOffer = true
        case "off": config.routing.awayOnMissedOffer = false
        case let other?: throw ConfigurationError(description: "PARLEY_AWAY_ON_MISSED_OFFER: '\(other)' is neither on nor off")
        }
    }

    /// Captchas, proxies and the visitor-intelligence data sets.
    private func loadVisitorFacing(into config: inout AppConfig) throws {
        switch environment["PARLEY_CAPTCHA"]?.lowercased() {
        case nil, "on": config.captcha.isRequired = true
        case "off": config.captcha.isRequired = false
        case let other?: throw ConfigurationError(description: "PARLEY_CAPTCHA: '\(other)' is neither on nor off")
        }
        if let seconds = try integer("PARLEY_CAPTCHA_TTL_SECONDS", in: 10...3600) {
            config.captcha.lifetime = .seconds(seconds)
        }
        config.http.captchasPerMinute = try integer("PARLEY_CAPTCHAS_PER_MINUTE", in: 1...1_000_000) ?? config.http.captchasPerMinute
        if let list = environment["PARLEY_TRUSTED_PROXIES"] {
            config.trustedProxies = try list.split(separator: ",").map { entry in
                let text = entry.trimmingCharacters(in: .whitespaces)
                guard let range = AddressRange(text) else {
                    throw ConfigurationError(description: "PARLEY_TRUSTED_PROXIES: '\(text)' is not an IP address or CIDR range")
                }
                return range
            }
        }
        config.insight.userAgentRegexes = environment["PARLEY_UAP_REGEXES"] ?? config.insight.userAgentRegexes
        config.insight.geoIPv4 = environment["PARLEY_GEOIP_V4"] ?? config.insight.geoIPv4
        config.insight.geoIPv6 = environment["PARLEY_GEOIP_V6"] ?? config.insight.geoIPv6
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = environment[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ConfigurationError(description: "\(name): '\(text)' is not an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// PARLEY_JWT_SECRET, or a secret generated on first start and kept in the data directory.
    private func jwtSecret(dataDirectory: String) throws -> String {
        if let secret = environment["PARLEY_JWT_SECRET"] {
            guard secret.utf8.count >= 64 else {
                throw ConfigurationError(description: "PARLEY_JWT_SECRET: must be at least 64 characters (HS512 needs a 64-byte key)")
            }
            return secret
        }
        try createDirectory(dataDirectory)
        let path = dataDirectory + "/jwt-secret"
        if let existing = try? String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
           existing.utf8.count >= 64 {
            return existing
        }
        let secret = IdentifierGenerator.hex(byteCount: 48)
        guard FileManager.default.createFile(atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationError(description: "PARLEY_JWT_SECRET: not set, and \(path) could not be written")
        }
        return secret
    }

    private func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ConfigurationError(description: "PARLEY_DATA_DIR: cannot create '\(path)': \(error.localizedDescription)")
        }
    }
}
