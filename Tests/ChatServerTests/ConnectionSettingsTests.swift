import ChatHTTP
import Testing

@testable import ChatServer

@Suite("Connection deadlines and feed limits from the environment")
struct ConnectionSettingsTests {
    static let base = ["PARLEY_JWT_SECRET": String(repeating: "s", count: 64), "PARLEY_DATABASE_URL": "sqlite::memory:"]

    static func load(_ environment: [String: String]) throws -> AppConfig {
        try ConfigLoader(environment: base.merging(environment) { $1 }).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
    }

    @Test func theDefaultsOutlastALongPollAndBoundEachCaller() throws {
        let config = try Self.load([:])
        #expect(config.http.idleTimeout == .seconds(75))
        #expect(config.http.idleTimeout > config.http.longPollMaxTimeout, "an idle connection outlasts the longest long-poll")
        #expect(config.http.socketWriteTimeout == .seconds(20))
        #expect(config.feeds.perSession == 10 && config.feeds.perAddress == 200)
    }

    @Test func theSettingsAreRead() throws {
        let config = try Self.load([
            "PARLEY_IDLE_TIMEOUT_SECONDS": "90", "PARLEY_WS_WRITE_TIMEOUT_SECONDS": "12",
            "PARLEY_MAX_FEEDS_PER_SESSION": "3", "PARLEY_MAX_FEEDS_PER_ADDRESS": "50",
        ])
        #expect(config.http.idleTimeout == .seconds(90))
        #expect(config.http.socketWriteTimeout == .seconds(12))
        #expect(config.feeds.perSession == 3 && config.feeds.perAddress == 50)
    }

    @Test(arguments: [
        ["PARLEY_IDLE_TIMEOUT_SECONDS": "0"],
        ["PARLEY_IDLE_TIMEOUT_SECONDS": "soon"],
        ["PARLEY_WS_WRITE_TIMEOUT_SECONDS": "-5"],
        ["PARLEY_MAX_FEEDS_PER_SESSION": "0"],
        ["PARLEY_MAX_FEEDS_PER_ADDRESS": "many"],
    ])
    func aMalformedSettingIsNamed(_ environment: [String: String]) throws {
        let name = try #require(environment.keys.first)
        let error = #expect(throws: ConfigurationError.self) { try Self.load(environment) }
        #expect(error?.description.hasPrefix(name) == true, "\(error?.description ?? "")")
    }
}
