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

/// Runs `body`, throwing if it has not finished after `limit`: for waits on the network,
/// which a broken server could otherwise leave hanging.
public func withDeadline<T: Sendable>(
    _ limit: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let result = try await group.next(), let value = result else {
            throw WaitTimedOut(description: "waited \(limit) for \(what)")
        }
        return value
    }
}
