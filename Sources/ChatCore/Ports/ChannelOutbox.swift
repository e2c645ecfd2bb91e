import Foundation

/// Where lines for a channel contact leave Parley: stored before the call returns, then
/// delivered at least once, in order per contact.
public protocol ChannelOutbox: Sendable {
    func relay(_ texts: [String], to contact: ChannelContact) async throws
}
