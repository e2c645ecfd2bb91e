import Synchronization

/// An event bus for a single Parley instance: notices go straight to the listeners in this process.
public final class LocalEventBus: EventBus {
    private struct Listener {
        let scope: EventScope
        let continuation: AsyncStream<ListenerSignal>.Continuation
    }

    private struct State {
        var listeners: [Int: Listener] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func publish(_ notice: ChatNotice) async {
        let targets = state.withLock { state in
            state.listeners.values.filter { $0.scope.hears(notice) }.map(\.continuation)
        }
        for continuation in targets {
            continuation.deliver(.notice(notice))
        }
    }

    public func listen(to scope: EventScope) -> EventListener {
        // Waking only matters, not every notice: a reader re-reads the store from its cursor,
        // so a bounded buffer cannot lose events, only redundant wake-ups.
        let (signals, continuation) = AsyncStream.makeStream(of: ListenerSignal.self, bufferingPolicy: .bufferingNewest(256))
        let id = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.listeners[id] = Listener(scope: scope, continuation: continuation)
            return id
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.listeners.removeValue(forKey: id) }
        }
        return EventListener(signals: signals, continuation: continuation)
    }

    /// How many readers are listening; for diagnostics and tests.
    public var listenerCount: Int {
        state.withLock { $0.listeners.count }
    }
}
