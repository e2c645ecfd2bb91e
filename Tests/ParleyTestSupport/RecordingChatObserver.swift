import ChatCore
import Synchronization

/// Keeps every batch a chat log hands it, in the order it was handed them.
public final class RecordingChatObserver: ChatLogObserver {
    private let batches = Mutex<[[ChatEvent]]>([])

    public init() {}

    public func committed(_ events: [ChatEvent], to chat: Chat) async {
        batches.withLock { $0.append(events) }
    }

    /// The batches so far.
    public var seen: [[ChatEvent]] { batches.withLock { $0 } }
}
