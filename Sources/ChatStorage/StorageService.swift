import ServiceLifecycle

/// Keeps the storage open while the server runs and closes it on shutdown. List it first
/// in the service group, so it is the last to stop.
public struct StorageService: Service {
    let storage: SQLStorage

    public init(storage: SQLStorage) {
        self.storage = storage
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await storage.close()
    }
}
