import NIOCore
import NIOPosix
import Testing

@testable import ChatStorage

/// The bus's sender awaits PostgreSQL's answers in a way its shutdown can end: an answer that
/// never comes (a connection closed under a query) no longer holds the server's shutdown.
@Suite("Waits a shutdown can end", .timeLimit(.minutes(3)))
struct CancellableWaitTests {
    @Test func aCancelledWaitEndsThoughItsFutureNeverCompletes() async throws {
        let promise = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: Void.self)
        let waiting = Task { try await CancellableWait.value(of: promise.futureResult) }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        promise.succeed(())
    }

    @Test func anAnsweredWaitEndsWithTheAnswer() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        try await CancellableWait.value(of: loop.makeSucceededFuture(42))
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await CancellableWait.value(of: loop.makeFailedFuture(Refused()) as EventLoopFuture<Int>) }
    }
}
