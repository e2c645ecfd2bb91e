import ChatCore
import Foundation

/// Everything one chat's LivePerson resource shows, read for one request.
struct LPChatView {
    let chat: Chat
    let visitor: Visitor
    let names: LPNames
    /// The chat's events from the requested id on.
    let events: [LPNode]
    /// The id to ask for next time.
    let nextID: Int
    let typists: Set<EventAuthor>
    let inactivityTimeout: Duration
    let now: Date
}
