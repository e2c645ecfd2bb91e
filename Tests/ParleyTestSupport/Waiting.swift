import Synchronization

/// A wait that did not end in time.
public struct WaitTimedOut: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

/// Returns once `condition` holds, checking it every few milliseconds; throws after `limit`.
/// For states with nothing to await, such as a reader having registered with the bus.
public func waitUntil(
    _ what: String, within limit: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + limit
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw WaitTimedOut(description: "waited \(limit) for \(what)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Whether `task` finishes within `limit`. Never waits longer, even for a task that ignores
/// cancellation and never finishes (a structured wait would hang with it).
public func finishes<Success: Sendable, Failure: Error>(_ task: Task<Success, Failure>, within limit: Duration) async -> Bool {
    await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
        let answer = FirstAnswer(continuation)
        Task { _ = await task.result; answer.give(true) }
        Task { try? await Task.sleep(for: limit); answer.give(false) }
    }
}

/// Runs `body`, throwing if it has not finished after `limit` (and cancelling it then): for
/// waits on the network, which a broken server could otherwise leave hanging.
public func withDeadline<T: Sendable>(
    _ limit: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let task = Task { try await body() }
    guard await finishes(task, within: limit) else {
        task.cancel()
        throw WaitTimedOut(description: "waited \(limit) for \(what)")
    }
    return try await task.value
}

/// Resumes a continuation with the first answer given, once.
private final class FirstAnswer: Sendable {
    private let continuation: Mutex<CheckedContinuation<Bool, Never>?>

    init(_ continuation: CheckedContinuation<Bool, Never>) {
        self.continuation = Mutex(continuation)
    }

    func give(_ answer: Bool) {
        continuation.withLock { $0.take() }?.resume(returning: answer)
    }
}
