import ChatCore
import ChatStorage
import Foundation
import Logging

/// Everything the server needs to know, as typed values. Only the command line reads the
/// environment; tests build this directly.
public struct AppConfig: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var storage: StorageLocation
    /// The HMAC key for access tokens (HS512): at least 64 bytes.
    public var jwtSecret: String
    public var limits = ChatLimits()
    public var tokens = TokenPolicy()
    public var http = HTTPLimits()
    /// How many long-polls and WebSockets one session and one client address may hold open.
    public var feeds = FeedLimits()
    /// bcrypt's work factor; each step doubles the time a password check takes.
    public var bcryptCost: UInt8 = 12
    public var databasePoolSize = 8
    public var logLevel: Logger.Level = .info
    /// Proxies whose `X-Forwarded-For` is believed.
    public var trustedProxies: [AddressRange] = []
    public var captcha = CaptchaPolicy()
    public var routing = RoutingSettings()
    public var visitors = VisitorService.Settings()
    /// Visitors' export, erasure and retention.
    public var privacy = VisitorPrivacyService.Settings()
    /// How often offers are checked for timeouts and queues for chats nobody was offered.
    public var routingSweepInterval: Duration = .seconds(1)
    public var insight = InsightData()
    /// The account id the LivePerson face answers to; any other is 404.
    public var livePersonAccountID = "1"
    /// The app key a LivePerson visitor client must send (`Authorization: LivePerson appKey=...`);
    /// nil lets any client in. LivePerson's own key is public (printed in its documentation and
    /// in every site page that uses it), so it guards nothing by itself: each chat is guarded by
    /// its own signed chat key. Set one to keep other sites' clients off the visitor side.
    public var livePersonAppKey: String?
    /// The server's address as clients reach it (`https://chat.example.com`), for the
    /// absolute links some faces return; without it, links use the request's `Host`, or what a
    /// trusted proxy says in `X-Forwarded-Proto` and `X-Forwarded-Host`.
    public var publicURL: String?
    /// The secret a flow engine (RapidPro) sends to the Live Agents face (`/live-agents`);
    /// nil turns the face off.
    public var liveAgentsToken: String?
    /// How long a signed link to an attachment works (the links a channel's flow engine
    /// fetches agents' files from). Attachment size and types are in `limits`.
    public var attachmentLinkLifetime: Duration = .seconds(3600)
    /// Channel deliveries (RapidPro) and webhooks.
    public var outbound = OutboundSettings()
    /// The SMTP server chat transcripts are mailed through; none by default.
    public var smtp = SMTPSettings()
    public var calendars = CalendarSettings()
    /// A folder the console and widget are served from instead of the copy built into the
    /// server, read afresh on each request (for working on them without restarting).
    public var webDirectory: URL?

    public init(storage: StorageLocation, jwtSecret: String) {
        self.storage = storage
        self.jwtSecret = jwtSecret
    }
}

/// Where business calendar files are and how often they are checked for changes.
public struct CalendarSettings: Sendable, Equatable {
    /// Holds `<project>/working-hours-<cc>.toml`; a missing directory holds no calendars.
    public var directory = "./parley-data/calendars"
    /// How often changed, new and deleted files are picked up.
    public var reloadInterval: Duration = .seconds(5)

    public init() {}
}

/// Limits of the HTTP faces.
public struct HTTPLimits: Sendable, Equatable {
    /// The largest request body accepted; larger ones get 413.
    public var maxBodyBytes = 64 * 1024
    /// How long a long-poll waits when the client names no timeout.
    public var longPollDefaultTimeout: Duration = .seconds(25)
    /// The longest a long-poll may wait, whatever the client asks.
    public var longPollMaxTimeout: Duration = .seconds(60)
    /// How many events a sync answer holds when the client names no limit.
    public var syncDefaultLimit = 100
    /// Chats one client address may start per minute.
    public var chatStartsPerMinute = 10
    /// Visitors one client address may start tracking per minute.
    public var visitorTracksPerMinute = 30
    /// Page views and heartbeats one visitor session may record per minute.
    public var pageViewsPerMinute = 60
    /// Login and refresh attempts one client address may make per minute.
    public var loginsPerMinute = 20
    /// Captchas one client address may fetch per minute.
    public var captchasPerMinute = 20
    /// How often an open WebSocket checks that its session was not revoked (it also closes
    /// when its token expires).
    public var socketSessionCheckInterval: Duration = .seconds(30)
    /// How long a connection may take to send a request, or stay idle between requests, before
    /// it is closed. A request being answered (a long-poll) and an open WebSocket are never cut.
    public var idleTimeout: Duration = .seconds(75)
    /// How long a write to a WebSocket may wait for its reader; a socket whose reader falls
    /// that far behind is closed as a slow consumer and resumes from its cursor.
    public var socketWriteTimeout: Duration = .seconds(20)

    public init() {}
}

/// Where the visitor-intelligence data sets are. Without them, device and location are unknown.
public struct InsightData: Sendable, Equatable {
    /// uap-core's rules (Debian package `uap-core`).
    public var userAgentRegexes: String? = "/usr/share/uap-core/regexes.yaml"
    /// IPv4 and IPv6 country ranges (Debian package `tor-geoipdb`).
    public var geoIPv4: String? = "/usr/share/tor/geoip"
    public var geoIPv6: String? = "/usr/share/tor/geoip6"

    public init() {}

    /// No data sets: every visitor's device and location are unknown.
    public static let none: InsightData = {
        var data = InsightData()
        data.userAgentRegexes = nil
        data.geoIPv4 = nil
        data.geoIPv6 = nil
        return data
    }()
}
