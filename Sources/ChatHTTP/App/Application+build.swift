import ChatCore
import ChatStorage
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle
import WebClient

/// Opens storage, assembles the services and builds the HTTP application. `parley serve`
/// and the tests both start here.
public func buildApplication(_ config: AppConfig, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    let logger = logger ?? {
        var logger = Logger(label: "parley")
        logger.logLevel = config.logLevel
        return logger
    }()
    return buildApplication(config, services: try await ParleyServices.open(config, logger: logger), logger: logger)
}

/// Builds the HTTP application over services that are already open.
public func buildApplication(_ config: AppConfig, services: ParleyServices, logger: Logger) -> some ApplicationProtocol {
    let router = buildRouter(config, services: services)
    var background: [any Service] = [StorageService(storage: services.storage)]
    background += BackgroundJobs.all(
        services, sweepInterval: config.routingSweepInterval, calendarReload: config.calendars.reloadInterval, logger: logger
    )
    background.append(OutboxRunner(
        services: services, settings: config.outbound, smtp: config.smtp, links: AttachmentLinkSigner(config, now: services.now), logger: logger
    ))
    // A bus shared between instances keeps its own connection running.
    if let bus = services.bus as? any Service {
        background.append(bus)
    }
    return Application(
        responder: LPFormatSuffixResponder(inner: router.buildResponder()),
        server: guardedServer(webSocketRouter: router, limits: config.http),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Parley"),
        services: background,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? config.port
            logger.notice("Parley is listening on http://\(config.host):\(port)")
        },
        logger: logger
    )
}

/// The console's and widget's files: the configured folder, else the copy built in.
private func webAssets(_ config: AppConfig) -> WebAssetStore {
    if let folder = config.webDirectory {
        return .reading(folder)
    }
    return WebAssets.bundledRoot.map(WebAssetStore.loading) ?? .empty
}

/// HTTP/1 with the WebSocket upgrade, where a connection that sends nothing, half a request or
/// an unparsable one is closed after `idleTimeout` (see `GuardedUpgradeChannel`).
private func guardedServer(webSocketRouter router: Router<ParleyRequestContext>, limits: HTTPLimits) -> HTTPServerBuilder {
    let webSocketResponder = router.buildResponder()
    let idleTimeout = TimeAmount(limits.idleTimeout)
    return HTTPServerBuilder { responder in
        GuardedUpgradeChannel(
            upgrade: HTTP1WebSocketUpgradeChannel(
                responder: responder, webSocketResponder: webSocketResponder,
                configuration: .init(http1: .init(idleTimeout: idleTimeout), ws: .init())
            ),
            firstRequestTimeout: idleTimeout
        )
    }
}

func buildRouter(_ config: AppConfig, services: ParleyServices) -> Router<ParleyRequestContext> {
    let router = Router(context: ParleyRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: ClientAddressMiddleware(resolver: ClientAddressResolver(trustedProxies: config.trustedProxies)))
    router.add(middleware: AuthenticationMiddleware(auth: services.auth))

    // One counter per limit, shared by every face, so a client cannot double its allowance.
    let logins = RateLimiter(perMinute: config.http.loginsPerMinute)
    let chatStarts = RateLimiter(perMinute: config.http.chatStartsPerMinute)
    let captchas = RateLimiter(perMinute: config.http.captchasPerMinute)
    let visitorTracks = RateLimiter(perMinute: config.http.visitorTracksPerMinute)

    let storage = services.storage
    SystemController(pingDatabase: { try await storage.ping() }).addRoutes(to: router)
    let v1 = router.group("v1")
    AuthController(auth: services.auth, chats: services.chats, limits: config.http, logins: logins).addRoutes(to: v1)
    DirectoryController(directory: services.directory, routing: services.routing, hours: services.hours, limits: config.http).addRoutes(to: v1)
    CalendarsController(hours: services.hours, limits: config.http).addRoutes(to: v1)
    RoutingController(routing: services.routing, hours: services.hours, limits: config.http).addRoutes(to: v1)
    BansController(bans: services.bans, limits: config.http).addRoutes(to: v1)
    WebhooksController(webhooks: services.webhooks, limits: config.http).addRoutes(to: v1)
    DeadLettersController(outbox: services.outbox).addRoutes(to: v1)
    ChatsController(chats: services.chats, search: services.search, routing: services.routing, insights: services.insights, limits: config.http, chatStarts: chatStarts)
        .addRoutes(to: v1)
    MessageAmendmentsController(chats: services.chats, limits: config.http).addRoutes(to: v1)
    AttachmentsController(
        chats: services.chats, links: AttachmentLinkSigner(config, now: services.now), maxAttachmentBytes: config.limits.maxAttachmentBytes,
        cacheSeconds: 3600
    ).addRoutes(to: v1)
    AftercareController(chats: services.chats, transcripts: services.transcripts, limits: config.http).addRoutes(to: v1)
    CaptchaController(captchas: services.captchas, limiter: captchas).addRoutes(to: v1)
    WidgetSettingsController(limits: config.limits, transcriptsByEmail: config.smtp.isConfigured).addRoutes(to: v1)
    VisitorsController(
        visitors: services.visitors, limits: config.http, tracks: visitorTracks,
        pageViews: RateLimiter(perMinute: config.http.pageViewsPerMinute)
    ).addRoutes(to: v1)
    OfflineMessagesController(offline: services.offlineMessages, limits: config.http, leaves: chatStarts).addRoutes(to: v1)
    InvitationRulesController(visitors: services.visitors, limits: config.http).addRoutes(to: v1)
    CannedResponsesController(responses: services.cannedResponses, limits: config.http).addRoutes(to: v1)
    PrechatFieldsController(prechat: services.prechat, limits: config.http).addRoutes(to: v1)
    VisitorPrivacyController(privacy: services.privacy).addRoutes(to: v1)
    SyncController(feed: services.feed, visitors: services.visitors, limits: config.http).addRoutes(to: v1)
    EventSocketController(
        auth: services.auth, chats: services.chats, feed: services.feed, visitors: services.visitors,
        sessionCheckInterval: config.http.socketSessionCheckInterval, writeTimeout: config.http.socketWriteTimeout
    ).addRoutes(to: v1)
    IPTPController(
        services: .init(
            auth: services.auth, captchas: services.captchas, chats: services.chats, feed: services.feed, routing: services.routing,
            directory: services.directory, insights: services.insights, visitors: services.visitors
        ),
        limits: config.http,
        captchaLimiter: captchas,
        guestLimiter: chatStarts,
        loginLimiter: logins
    ).addRoutes(to: router)
    Comm100Controller(
        services: .init(auth: services.auth, directory: services.directory, routing: services.routing, visitors: services.visitors),
        limits: config.http, logins: logins
    ).addRoutes(to: router)
    LivePersonController(
        services: .init(
            auth: services.auth, agentSessions: services.agentSessions, directory: services.directory, chats: services.chats,
            routing: services.routing, insights: services.insights
        ),
        settings: .init(
            accountID: config.livePersonAccountID,
            origin: LPOrigin(publicURL: config.publicURL, listeningAddress: "\(config.host):\(config.port)"),
            renewableIdleLifetime: config.tokens.renewableIdleLifetime,
            capacity: config.routing.capacity, visitorInactivityTimeout: config.limits.visitorInactivityTimeout
        ),
        limits: config.http, logins: logins
    ).addRoutes(to: router)
    LivePersonVisitorController(
        services: .init(
            auth: services.auth, directory: services.directory, chats: services.chats, routing: services.routing,
            transcripts: services.transcripts, visitors: services.visitors
        ),
        settings: .init(
            accountID: config.livePersonAccountID, publicURL: config.publicURL, listeningAddress: "\(config.host):\(config.port)",
            appKey: config.livePersonAppKey, visitorInactivityTimeout: config.limits.visitorInactivityTimeout
        ),
        limits: config.http, chatStarts: chatStarts, keys: LPChatKeys(jwtSecret: config.jwtSecret)
    ).addRoutes(to: router)
    LiveAgentsController(channels: services.channels, hours: services.hours, token: config.liveAgentsToken, limits: config.http).addRoutes(to: router)
    WebController(assets: webAssets(config)).addRoutes(to: router)
    router.answerUnsupportedMethods()
    return router
}
