import NIOCore
import Synchronization

/// Awaits a future, or the awaiting task's cancellation, whichever comes first. A future
/// that may never complete (a query on a connection that closed under it) then cannot hold
/// its task, and the shutdown waiting for that task, for ever.
enum CancellableWait {
    static func value<T: Sendable>(of future: EventLoopFuture<T>) async throws {
        let waiter = Waiter()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                waiter.set(continuation)
                if Task.isCancelled { waiter.resume(with: .failure(CancellationError())) }
                future.whenComplete { result in waiter.resume(with: result.map { _ in }) }
            }
        } onCancel: {
            waiter.resume(with: .failure(CancellationError()))
        }
    }

    /// The continuation, resumed once: by the answer or by the cancellation, whichever comes first.
    private final class Waiter: Sendable {
        private let continuation = Mutex<CheckedContinuation<Void, any Error>?>(nil)

        func set(_ continuation: CheckedContinuation<Void, any Error>) {
            self.continuation.withLock { $0 = continuation }
        }

        func resume(with result: Result<Void, any Error>) {
            continuation.withLock { continuation in
                defer { continuation = nil }
                return continuation
            }?.resume(with: result)
        }
    }
}
