import ChatCore
import ServiceLifecycle

/// Keeps the typing board current with every typing notice on the bus, including those
/// reported through other instances.
struct TypingFollower: Service {
    let board: TypingBoard
    let bus: any EventBus

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            await board.follow(bus)
        }
    }
}
