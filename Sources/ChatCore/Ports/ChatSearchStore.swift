/// Finding past chats. Stores keep a `SearchText.fold`ed copy of each visitor's and agent's
/// line and of each visitor's name and email, written with them and emptied with them when a
/// visitor is erased.
public protocol ChatSearchStore: Sendable {
    /// The chats in `search.scope` that match, newest (highest number) first.
    func searchChats(_ search: ChatSearch) async throws -> [ChatSearchHit]
}
