import ChatCore
import ChatStorage
import Logging

/// The core services wired to their storage, bus and security adapters: what the HTTP
/// faces and the command line both work with.
public struct ParleyServices: Sendable {
    public let storage: SQLStorage
    public let bus: LocalEventBus
    public let auth: AuthService
    public let directory: DirectoryService
    public let chats: ChatService
    public let feed: EventFeed

    /// Opens the database (migrating it) and assembles the services.
    public static func open(_ config: AppConfig, logger: Logger) async throws -> ParleyServices {
        let storage = try await SQLStorage.open(config.storage, logger: logger, poolSize: config.databasePoolSize)
        let bus = LocalEventBus()
        let passwords = BcryptPasswordHasher(cost: config.bcryptCost)
        let auth = AuthService(
            directory: storage, sessions: storage, passwords: passwords,
            codec: await JWTAccessTokenCodec(secret: config.jwtSecret), tokenHasher: SHA256TokenHasher(),
            policy: config.tokens
        )
        return ParleyServices(
            storage: storage,
            bus: bus,
            auth: auth,
            directory: DirectoryService(store: storage, hasher: passwords, limits: config.limits),
            chats: ChatService(store: storage, bus: bus, auth: auth, limits: config.limits),
            feed: EventFeed(store: storage, bus: bus, limits: config.limits)
        )
    }
}
