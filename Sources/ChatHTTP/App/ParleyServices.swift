import BusinessHours
import ChatCore
import ChatStorage
import Foundation
import Logging

/// The core services wired to their storage, bus and security adapters: what the HTTP
/// faces and the command line both work with.
public struct ParleyServices: Sendable {
    public let storage: SQLStorage
    /// In-process for SQLite; across instances (LISTEN/NOTIFY) for PostgreSQL.
    public let bus: any EventBus
    public let auth: AuthService
    public let directory: DirectoryService
    public let chats: ChatService
    public let visitors: VisitorService
    public let privacy: VisitorPrivacyService
    public let feed: EventFeed
    public let captchas: CaptchaService
    public let bans: BanService
    /// Messages visitors leave when nobody can chat.
    public let offlineMessages: OfflineMessageService
    /// Contacts of external channels (RapidPro) and their chats.
    public let channels: ChannelService
    public let insights: VisitorInsights
    public let routing: RoutingService
    public let agentSessions: AgentSessionService
    /// Who is typing where; `TypingFollower` keeps it current from the bus.
    public let typing: TypingBoard
    /// The long-polls and WebSockets open on this instance, per session and client address.
    public let feeds: FeedRegistry
    /// Relays to channel contacts, webhook notifications that are not chat events, dead letters.
    public let outbox: OutboxService
    /// Plans the deliveries of committed chat events (run by the server as a service).
    public let outboxFeeder: OutboxFeeder
    public let webhooks: WebhookService
    /// Chat transcripts mailed on request.
    public let transcripts: TranscriptService
    /// Which hosts webhooks may reach, checked at registration and again at each attempt.
    public let webhookAddresses: WebhookAddressPolicy
    /// The clock every service reads.
    public let now: @Sendable () -> Date
    /// Business calendar files, re-read on a timer.
    public let calendars: FileBusinessCalendars
    /// Whether departments answer now, and the calendars behind them.
    public let hours: BusinessHoursService
    public let cannedResponses: CannedResponseService
    /// The widget's pre-chat form fields.
    public let prechat: PrechatFormService
    /// Finding past chats.
    public let search: ChatSearchService

    /// Parts to use instead of the ones the configuration names.
    public struct Overrides: Sendable {
        /// Already loaded data sets (tests share one copy instead of loading them per app).
        public var insights: VisitorInsights?
        public var captchaDrawing: (any CaptchaDrawing)?
        /// The clock every service and the sweeper's checks read (tests move it on instead of sleeping).
        public var now: (@Sendable () -> Date)?
        /// What hears every committed batch of chat events, besides the bus.
        public var chatObservers: [any ChatLogObserver]

        public init(
            insights: VisitorInsights? = nil, captchaDrawing: (any CaptchaDrawing)? = nil, now: (@Sendable () -> Date)? = nil,
            chatObservers: [any ChatLogObserver] = []
        ) {
            self.insights = insights
            self.captchaDrawing = captchaDrawing
            self.now = now
            self.chatObservers = chatObservers
        }
    }

    /// Opens the database (migrating it) and assembles the services.
    public static func open(_ config: AppConfig, logger: Logger, overrides: Overrides = .init()) async throws -> ParleyServices {
        let storage = try await SQLStorage.open(config.storage, logger: logger, poolSize: config.databasePoolSize)
        let bus = storage.makeEventBus(logger: logger)
        let passwords = BcryptPasswordHasher(cost: config.bcryptCost)
        let now = overrides.now ?? Date.init
        let auth = AuthService(
            directory: storage, sessions: storage, passwords: passwords,
            codec: await JWTAccessTokenCodec(secret: config.jwtSecret), tokenHasher: SHA256TokenHasher(secret: config.jwtSecret),
            policy: config.tokens, bus: bus, now: now
        )
        if !config.captcha.isRequired {
            logger.warning("captcha verification is off (PARLEY_CAPTCHA=off): anyone can start chats by script")
        }
        let log = ChatLog(store: storage, bus: bus, observers: overrides.chatObservers)
        let failures = LoggerFailureReporter(logger: logger)
        let outbox = OutboxService(store: storage, failures: failures, now: now)
        let routing = RoutingService(
            store: storage, log: log, bus: bus, settings: config.routing, limits: config.limits, outbox: outbox, now: now
        )
        let typing = TypingBoard()
        let feeds = FeedRegistry(limits: config.feeds)
        let bans = BanService(store: storage, limits: config.limits, outbox: outbox, now: now)
        let captchas = CaptchaService(
            store: storage, drawing: overrides.captchaDrawing ?? SVGCaptchaDrawing(), policy: config.captcha, now: now
        )
        let insights = overrides.insights ?? InsightLoader.load(config.insight, logger: logger)
        let webhookAddresses = WebhookAddressPolicy(
            allowsPrivateAddresses: config.outbound.webhooksAllowPrivateAddresses, resolver: SystemHostResolver()
        )
        let calendars = FileBusinessCalendars(directory: URL(fileURLWithPath: config.calendars.directory), logger: logger)
        let hours = BusinessHoursService(calendars: calendars, failures: failures, now: now)
        let prechat = PrechatFormService(store: storage, limits: config.limits)
        return ParleyServices(
            storage: storage,
            bus: bus,
            auth: auth,
            directory: DirectoryService(
                store: storage, routing: routing, hasher: passwords, limits: config.limits, auth: auth, bus: bus, hours: hours, now: now
            ),
            chats: ChatService(
                store: storage, log: log, bus: bus, auth: auth, captchas: captchas, routing: routing, limits: config.limits, bans: bans, hours: hours, prechat: prechat,
                typing: typing, failures: failures, now: now
            ),
            visitors: VisitorService(
                store: storage, bus: bus, auth: auth, bans: bans, insights: insights, limits: config.limits, settings: config.visitors, now: now
            ),
            privacy: VisitorPrivacyService(
                store: storage, log: log, routing: routing, bus: bus, failures: failures, settings: config.privacy, now: now
            ),
            feed: EventFeed(store: storage, bus: bus, limits: config.limits, feeds: feeds, now: now),
            captchas: captchas,
            bans: bans,
            offlineMessages: OfflineMessageService(
                store: storage, captchas: captchas, bans: bans, outbox: outbox, limits: config.limits, now: now
            ),
            channels: ChannelService(
                store: storage, log: log, routing: routing, bans: bans, hours: hours, outbox: outbox, limits: config.limits, now: now
            ),
            insights: insights,
            routing: routing,
            agentSessions: AgentSessionService(store: storage, routing: routing, now: now),
            typing: typing,
            feeds: feeds,
            outbox: outbox,
            outboxFeeder: OutboxFeeder(store: storage, now: now),
            webhooks: WebhookService(store: storage, addresses: webhookAddresses, now: now),
            transcripts: TranscriptService(
                store: storage, sender: config.smtp.isConfigured ? config.smtp.from : nil, limits: config.limits, now: now
            ),
            webhookAddresses: webhookAddresses,
            now: now,
            calendars: calendars,
            hours: hours,
            cannedResponses: CannedResponseService(store: storage, limits: config.limits, now: now),
            prechat: prechat,
            search: ChatSearchService(store: storage, limits: config.limits)
        )
    }
}
