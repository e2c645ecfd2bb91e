import Foundation

/// An admin's rule for inviting visitors to chat without an agent doing it: after
/// `secondsOnPage` on a page whose address matches `urlPattern`.
public struct AutoInvitationRule: Sendable, Equatable {
    public var id: String
    public var name: String
    /// A pattern the whole address must match, ignoring case, where `*` stands for any run of
    /// characters ("*/pricing*"); empty matches every page.
    public var urlPattern: String
    public var secondsOnPage: Int
    public var createdAt: Date

    public init(id: String, name: String, urlPattern: String, secondsOnPage: Int, createdAt: Date) {
        self.id = id
        self.name = name
        self.urlPattern = urlPattern
        self.secondsOnPage = secondsOnPage
        self.createdAt = createdAt
    }

    /// Whether the rule invites a visitor who has been on `page` since `viewedAt`, at `date`.
    public func invites(onto page: String, viewedAt: Date, at date: Date) -> Bool {
        date.timeIntervalSince(viewedAt) >= Double(secondsOnPage) && Self.matches(page, urlPattern)
    }

    /// Glob matching with `*` only, ignoring case, without backtracking blow-ups: each literal
    /// piece is found in turn, the first anchored at the start and the last at the end.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard !pattern.isEmpty else { return true }
        let text = text.lowercased()
        let pieces = pattern.lowercased().split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count > 1 else { return text == pieces[0] }
        guard text.hasPrefix(pieces[0]) else { return false }
        var rest = text.dropFirst(pieces[0].count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = rest.range(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        let last = pieces[pieces.count - 1]
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}
