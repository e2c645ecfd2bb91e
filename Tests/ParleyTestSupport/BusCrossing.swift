import ChatCore
import Foundation

/// Returns once a notice published on `sender` reaches listeners of `receiver`: on PostgreSQL,
/// once the sender's bus is connected and the receiver's LISTENs, which a fixed sleep can
/// only guess. It publishes a probe that announces nothing new (cursor 0 of a chat that does
/// not exist), so readers that hear it stay asleep.
public func awaitCrossing(from sender: any EventBus, to receiver: any EventBus, within attempts: Int = 200) async throws {
    let probe = ChatID("probe-\(UUID().uuidString)")
    let listener = receiver.listen(to: .chat(probe))
    var signals = listener.signals.makeAsyncIterator()
    for _ in 0..<attempts {
        await sender.publish(.appended(ChatAddress(chatID: probe, departmentID: DepartmentID(0), agentID: nil), upTo: .start))
        let timer = listener.wake(after: .milliseconds(50))
        if case .notice = await signals.next() {
            timer.cancel()
            return
        }
    }
    throw WaitTimedOut(description: "notices did not cross between the buses")
}
