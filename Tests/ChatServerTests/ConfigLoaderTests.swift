import ChatHTTP
import ChatStorage
import Foundation
import Testing

@testable import ChatServer

@Suite("Configuration from the environment", .timeLimit(.minutes(3)))
struct ConfigLoaderTests {
    static func scratchDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("parley-config-\(UUID().uuidString)").path
    }

    static let secret = String(repeating: "s", count: 64)

    @Test func defaultsGiveSQLiteInTheDataDirectoryAndAKeptSecret() throws {
        let directory = Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let loader = ConfigLoader(environment: ["PARLEY_DATA_DIR": directory])
        let first = try loader.load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        #expect(first.storage == .sqliteFile(path: directory + "/parley.sqlite"))
        #expect(first.host == "127.0.0.1" && first.port == 8080)
        #expect(first.jwtSecret.utf8.count >= 64)
        let second = try loader.load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        #expect(second.jwtSecret == first.jwtSecret, "the generated secret is kept across restarts")
    }

    @Test func flagsWinOverTheEnvironment() throws {
        let loader = ConfigLoader(environment: ["PARLEY_PORT": "9000", "PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"])
        let config = try loader.load(host: "0.0.0.0", port: 9100, databaseURL: nil, dataDir: nil, logLevel: "debug")
        #expect(config.port == 9100 && config.host == "0.0.0.0" && config.logLevel == .debug)
        #expect(config.storage == .sqliteInMemory)
    }

    @Test func theFacesSettingsAndTheSweepIntervalAreRead() throws {
        let loader = ConfigLoader(environment: [
            "PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:",
            "PARLEY_ACCOUNT_ID": "73519842", "PARLEY_PUBLIC_URL": "https://chat.example.com/", "PARLEY_SWEEP_INTERVAL_MS": "250",
            "PARLEY_LIVE_AGENTS_TOKEN": "flow-engine-secret-1234", "PARLEY_LIVEPERSON_APP_KEY": "721c180b09eb463d9f3191c41762bb68",
        ])
        let config = try loader.load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        #expect(config.liveAgentsToken == "flow-engine-secret-1234")
        #expect(config.livePersonAppKey == "721c180b09eb463d9f3191c41762bb68")
        #expect(config.livePersonAccountID == "73519842")
        #expect(config.publicURL == "https://chat.example.com")
        #expect(config.routingSweepInterval == .milliseconds(250))
    }

    @Test func theLivePersonAppKeyIsUnsetByDefaultAndAMalformedOneIsRefused() throws {
        let base = ["PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"]
        #expect(try ConfigLoader(environment: base).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil).livePersonAppKey == nil)
        for bad in ["short", "has space in it", String(repeating: "k", count: 129)] {
            let loader = ConfigLoader(environment: base.merging(["PARLEY_LIVEPERSON_APP_KEY": bad]) { $1 })
            #expect(throws: ConfigurationError.self) { try loader.load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil) }
        }
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigLoader(environment: base.merging(["PARLEY_LIVEPERSON_APP_KEY": "short"]) { $1 })
                .load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        }
        #expect(error?.description.contains("PARLEY_LIVEPERSON_APP_KEY") == true)
    }

    @Test func messageSizesRatesAndTheChatCapAreRead() throws {
        let loader = ConfigLoader(environment: [
            "PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:",
            "PARLEY_MAX_MESSAGE_LENGTH": "2000", "PARLEY_MAX_MESSAGE_BYTES": "6000", "PARLEY_MESSAGES_PER_MINUTE": "30",
            "PARLEY_MESSAGE_BURST": "5", "PARLEY_TYPING_PER_MINUTE": "90", "PARLEY_TYPING_BURST": "7", "PARLEY_MAX_CHAT_EVENTS": "500",
        ])
        let limits = try loader.load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil).limits
        #expect(limits.maxMessageLength == 2000 && limits.maxMessageBytes == 6000)
        #expect(limits.messagesPerMinute == 30 && limits.messageBurst == 5)
        #expect(limits.typingPerMinute == 90 && limits.typingBurst == 7)
        #expect(limits.maxChatEvents == 500)
        let defaults = try ConfigLoader(environment: ["PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"])
            .load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil).limits
        #expect(defaults == AppConfig(storage: .sqliteInMemory, jwtSecret: Self.secret).limits, "nothing set, nothing changed")
    }

    @Test func routingAndTypingSettingsAreRead() throws {
        let defaults = try ConfigLoader(environment: ["PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"])
            .load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        #expect(defaults.routing.awayOnMissedOffer && defaults.limits.typingLifetime == .seconds(6))
        let loader = ConfigLoader(environment: [
            "PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:",
            "PARLEY_AWAY_ON_MISSED_OFFER": "OFF", "PARLEY_TYPING_LIFETIME_SECONDS": "15", "PARLEY_OFFER_TIMEOUT_SECONDS": "45",
        ])
        let config = try loader.load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        #expect(!config.routing.awayOnMissedOffer)
        #expect(config.limits.typingLifetime == .seconds(15))
        #expect(config.routing.offerTimeout == .seconds(45))
    }

    @Test func privacySettingsAreReadAndDefaultToKeepingAndAnonymising() throws {
        let base = ["PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"]
        let defaults = try ConfigLoader(environment: base).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil).privacy
        #expect(defaults.erasedChats == .anonymise)
        #expect(defaults.retention == nil, "visitors are kept until an admin erases them")
        #expect(defaults.maxExportEvents == 20_000)
        let config = try ConfigLoader(environment: base.merging([
            "PARLEY_ERASE_CHATS": "Delete", "PARLEY_VISITOR_RETENTION_DAYS": "30", "PARLEY_MAX_EXPORT_EVENTS": "5000",
        ]) { $1 }).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil).privacy
        #expect(config.erasedChats == .delete)
        #expect(config.retention == .seconds(30 * 86_400))
        #expect(config.maxExportEvents == 5000)
        let off = try ConfigLoader(environment: base.merging(["PARLEY_VISITOR_RETENTION_DAYS": "0"]) { $1 })
            .load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil).privacy
        #expect(off.retention == nil, "0 days keeps visitors forever")
    }

    @Test func visitorTrackingSettingsAreRead() throws {
        let defaults = try ConfigLoader(environment: ["PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"])
            .load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        #expect(defaults.visitors.awayAfter == .seconds(300) && defaults.visitors.newVisitAfter == .seconds(1800))
        #expect(defaults.http.visitorTracksPerMinute == 30 && defaults.http.pageViewsPerMinute == 60)
        let config = try ConfigLoader(environment: [
            "PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:",
            "PARLEY_VISITOR_AWAY_SECONDS": "120", "PARLEY_NEW_VISIT_AFTER_SECONDS": "3600",
            "PARLEY_VISITOR_TRACKS_PER_MINUTE": "5", "PARLEY_PAGE_VIEWS_PER_MINUTE": "12",
        ]).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        #expect(config.visitors.awayAfter == .seconds(120) && config.visitors.newVisitAfter == .seconds(3600))
        #expect(config.http.visitorTracksPerMinute == 5 && config.http.pageViewsPerMinute == 12)
    }

    @Test(arguments: [
        ["PARLEY_PORT": "eighty"],
        ["PARLEY_DATABASE_URL": "mysql://db"],
        ["PARLEY_JWT_SECRET": "short"],
        ["PARLEY_LOG_LEVEL": "loud"],
        ["PARLEY_MAX_BODY_BYTES": "-1"],
        ["PARLEY_LONG_POLL_MAX_SECONDS": "0"],
        ["PARLEY_TRUSTED_PROXIES": "10.0.0.0/8, "],
        ["PARLEY_TRUSTED_PROXIES": "10.0.0.0/33"],
        ["PARLEY_CAPTCHA": "maybe"],
        ["PARLEY_OFFER_TIMEOUT_SECONDS": "0"],
        ["PARLEY_AWAY_ON_MISSED_OFFER": "sometimes"],
        ["PARLEY_ACCOUNT_ID": "12/34"],
        ["PARLEY_SWEEP_INTERVAL_MS": "5"],
        ["PARLEY_TYPING_LIFETIME_SECONDS": "0"],
        ["PARLEY_TYPING_LIFETIME_SECONDS": "a while"],
        ["PARLEY_PUBLIC_URL": "chat.example.com"],
        ["PARLEY_LIVE_AGENTS_TOKEN": "short"],
        ["PARLEY_LIVE_AGENTS_TOKEN": "a secret with spaces in it"],
        ["PARLEY_MAX_MESSAGE_BYTES": "0"],
        ["PARLEY_MESSAGES_PER_MINUTE": "fast"],
        ["PARLEY_MESSAGE_BURST": "0"],
        ["PARLEY_TYPING_PER_MINUTE": "-3"],
        ["PARLEY_TYPING_BURST": "many"],
        ["PARLEY_MAX_CHAT_EVENTS": "5"],
        ["PARLEY_ERASE_CHATS": "shred"],
        ["PARLEY_VISITOR_RETENTION_DAYS": "-1"],
        ["PARLEY_VISITOR_RETENTION_DAYS": "a year"],
        ["PARLEY_MAX_EXPORT_EVENTS": "10"],
        ["PARLEY_VISITOR_AWAY_SECONDS": "10"],
        ["PARLEY_NEW_VISIT_AFTER_SECONDS": "soon"],
        ["PARLEY_VISITOR_TRACKS_PER_MINUTE": "0"],
        ["PARLEY_PAGE_VIEWS_PER_MINUTE": "-1"],
        ["PARLEY_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "yes"],
        ["PARLEY_OUTBOX_SEND_TIMEOUT_SECONDS": "0"],
        ["PARLEY_OUTBOX_CONCURRENCY": "0"],
        ["PARLEY_OUTBOX_RETRY_BASE_MS": "soon"],
        ["PARLEY_OUTBOX_RETRY_CAP_SECONDS": "0"],
        ["PARLEY_OUTBOX_MAX_ATTEMPTS": "0"],
        ["PARLEY_OUTBOX_MAX_AGE_HOURS": "0"],
        ["PARLEY_OUTBOX_POLL_MS": "1"],
    ])
    func aMalformedSettingIsNamed(_ environment: [String: String]) throws {
        var environment = environment
        let name = try #require(environment.keys.first)
        if name != "PARLEY_JWT_SECRET" { environment["PARLEY_JWT_SECRET"] = Self.secret }
        if name != "PARLEY_DATABASE_URL" { environment["PARLEY_DATABASE_URL"] = "sqlite::memory:" }
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigLoader(environment: environment).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        }
        #expect(error?.description.hasPrefix(name) == true, "\(error?.description ?? "")")
    }

    @Test func outboundSettingsAreReadAndRapidProNeedsAURLAndAToken() throws {
        let base = ["PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"]
        let load = { (extra: [String: String]) in
            try ConfigLoader(environment: base.merging(extra) { $1 }).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        }
        let defaults = try load([:]).outbound
        #expect(defaults.rapidPro.server == nil && !defaults.webhooksAllowPrivateAddresses && defaults.sendTimeout == .seconds(10))
        #expect(defaults.sender.retry.base == .seconds(2) && defaults.sender.retry.cap == .seconds(3600) && defaults.sender.retry.maxAttempts == 15)
        let config = try load([
            "PARLEY_RAPIDPRO_URL": "https://rapidpro.example.org/", "PARLEY_RAPIDPRO_TOKEN": "abc123",
            "PARLEY_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "true", "PARLEY_OUTBOX_SEND_TIMEOUT_SECONDS": "5", "PARLEY_OUTBOX_CONCURRENCY": "2",
            "PARLEY_OUTBOX_RETRY_BASE_MS": "500", "PARLEY_OUTBOX_RETRY_CAP_SECONDS": "600", "PARLEY_OUTBOX_MAX_ATTEMPTS": "5",
            "PARLEY_OUTBOX_MAX_AGE_HOURS": "24", "PARLEY_OUTBOX_POLL_MS": "200",
        ]).outbound
        #expect(config.rapidPro.server?.messagesURL == "https://rapidpro.example.org/api/v2/messages.json")
        #expect(config.rapidPro.server?.token == "abc123" && config.webhooksAllowPrivateAddresses && config.sendTimeout == .seconds(5))
        #expect(config.sender.concurrency == 2 && config.sender.retry.base == .milliseconds(500) && config.sender.retry.cap == .seconds(600))
        #expect(config.sender.retry.maxAttempts == 5 && config.sender.retry.maxAge == .seconds(86_400) && config.sender.pollInterval == .milliseconds(200))

        for (environment, named) in [
            (["PARLEY_RAPIDPRO_URL": "https://rapidpro.example.org"], "PARLEY_RAPIDPRO_TOKEN"),
            (["PARLEY_RAPIDPRO_TOKEN": "abc123"], "PARLEY_RAPIDPRO_URL"),
            (["PARLEY_RAPIDPRO_URL": "rapidpro.example.org", "PARLEY_RAPIDPRO_TOKEN": "abc123"], "PARLEY_RAPIDPRO_URL"),
            (["PARLEY_RAPIDPRO_URL": "https://rapidpro.example.org", "PARLEY_RAPIDPRO_TOKEN": "two words"], "PARLEY_RAPIDPRO_TOKEN"),
        ] {
            let error = #expect(throws: ConfigurationError.self) { try load(environment) }
            #expect(error?.description.hasPrefix(named) == true, "\(error?.description ?? "")")
            #expect(error?.description.contains("two words") != true, "a token is never echoed")
        }
    }

    @Test func aPostgresURLIsAcceptedAndItsPasswordNeverEchoed() throws {
        let config = try ConfigLoader(environment: ["PARLEY_JWT_SECRET": Self.secret])
            .load(host: nil, port: nil, databaseURL: "postgres://parley:pw@127.0.0.1:5432/parley", dataDir: nil, logLevel: nil)
        #expect(config.storage == .postgres(url: "postgres://parley:pw@127.0.0.1:5432/parley"))
        let error = #expect(throws: ConfigurationError.self) {
            try ConfigLoader(environment: ["PARLEY_JWT_SECRET": Self.secret])
                .load(host: nil, port: nil, databaseURL: "postgres://parley:hunter2@/nohost", dataDir: nil, logLevel: nil)
        }
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func theRefreshGraceIsReadAndBounded() throws {
        let base = ["PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"]
        let load = { (grace: String?) in
            try ConfigLoader(environment: base.merging(["PARLEY_REFRESH_GRACE_SECONDS": grace].compactMapValues { $0 }) { $1 })
                .load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        }
        #expect(try load(nil).tokens.refreshReuseGrace == .seconds(5))
        #expect(try load("0").tokens.refreshReuseGrace == .zero)
        #expect(try load("12").tokens.refreshReuseGrace == .seconds(12))
        for bad in ["61", "-1", "soon"] {
            let error = #expect(throws: ConfigurationError.self) { try load(bad) }
            #expect(error?.description.hasPrefix("PARLEY_REFRESH_GRACE_SECONDS") == true)
        }
    }

    @Test func renewableSessionLifetimesAreReadAndBounded() throws {
        let base = ["PARLEY_JWT_SECRET": Self.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"]
        let load = { (extra: [String: String]) in
            try ConfigLoader(environment: base.merging(extra) { $1 }).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
        }
        #expect(try load([:]).tokens.renewableIdleLifetime == .seconds(1800))
        #expect(try load([:]).tokens.renewableMaxLifetime == .seconds(43200))
        let set = try load(["PARLEY_RENEWABLE_SESSION_IDLE_SECONDS": "600", "PARLEY_RENEWABLE_SESSION_MAX_SECONDS": "86400"])
        #expect(set.tokens.renewableIdleLifetime == .seconds(600) && set.tokens.renewableMaxLifetime == .seconds(86400))
        for (name, bad) in [("PARLEY_RENEWABLE_SESSION_IDLE_SECONDS", "59"), ("PARLEY_RENEWABLE_SESSION_IDLE_SECONDS", "half an hour"),
                            ("PARLEY_RENEWABLE_SESSION_MAX_SECONDS", "2592001"), ("PARLEY_RENEWABLE_SESSION_MAX_SECONDS", "-5")] {
            let error = #expect(throws: ConfigurationError.self) { try load([name: bad]) }
            #expect(error?.description.hasPrefix(name) == true, "\(name)=\(bad)")
        }
    }
}
