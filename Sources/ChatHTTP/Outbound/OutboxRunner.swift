import AsyncHTTPClient
import ChatCore
import Logging
import ServiceLifecycle

/// The outbox's two loops as one service: the feeder plans deliveries from the chat log, the
/// sender sends them over an HTTP client that lives as long as the service, or by SMTP.
struct OutboxRunner: Service {
    let services: ParleyServices
    let settings: OutboundSettings
    let smtp: SMTPSettings
    /// Signs links to agents' files as channel deliveries go out.
    let links: AttachmentLinkSigner
    let logger: Logger

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(5))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration, backgroundActivityLogger: logger)
        let failures = LoggerFailureReporter(logger: logger)
        let transport = OutboundTransport(
            http: HTTPDeliveryTransport(
                client: client, rapidPro: settings.rapidPro, addresses: services.webhookAddresses, timeout: settings.sendTimeout,
                now: services.now
            ),
            mail: SMTPDeliveryTransport(settings: smtp, timeout: settings.sendTimeout)
        )
        var senderSettings = settings.sender
        // A claim must outlast the attempt, or a slow receiver would be sent the same delivery
        // twice; and no longer, so that what a killed server was sending goes out soon after.
        senderSettings.lease = settings.sendTimeout * 2
        let sender = OutboxSender(
            store: services.storage, transport: transport, settings: senderSettings, failures: failures, links: links, now: services.now
        )
        let (feeder, bus, tick) = (services.outboxFeeder, services.bus, settings.feederTick)
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await feeder.run(bus: bus, tick: tick, failures: failures) }
                group.addTask { await sender.run() }
            }
        }
        try await client.shutdown()
    }
}
