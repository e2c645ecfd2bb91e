/// Agents find past chats by what was said in them or by who the visitor was, and list one
/// visitor's chats; each sees the chats it may see anywhere else.
public struct ChatSearchService: Sendable {
    let store: any ChatSearchStore
    let limits: ChatLimits

    static let maxQueryLength = 200
    static let maxQueryBytes = 800
    static let excerptWidth = 160

    public init(store: any ChatSearchStore, limits: ChatLimits) {
        self.store = store
        self.limits = limits
    }

    /// Chats whose lines (the visitor's and agents', not notes or system lines), visitor name
    /// or email hold `text` case-insensitively, and/or of one visitor; newest first, `limit` per page.
    public func search(
        text: String?, visitorID: VisitorID?, departmentID: DepartmentID?, states: [ChatState], before: Int64?, limit: Int,
        for principal: Principal
    ) async throws -> [ChatMatch] {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents search chats.") }
        let limit = try Validate.pageSize(limit, limits: limits)
        if let departmentID, !agent.isAdmin, !agent.serves(departmentID) {
            throw ChatError.forbidden(reason: "You do not serve department \(departmentID).")
        }
        let needle = try text.map { SearchText.fold(try Self.query($0)) }
        let hits = try await store.searchChats(ChatSearch(
            text: needle, visitorID: visitorID, departmentID: departmentID, states: states, scope: ChatAccess.scope(of: agent),
            before: before, limit: limit
        ))
        return hits.map { hit in ChatMatch(chat: hit.chat, excerpt: needle.map { Self.excerpt(of: hit, around: $0) }) }
    }

    /// The text around the first hit: in the matching line, else in the visitor's name and email.
    private static func excerpt(of hit: ChatSearchHit, around needle: String) -> String {
        let visitor = hit.visitorEmail.isEmpty ? hit.visitorName : "\(hit.visitorName) <\(hit.visitorEmail)>"
        let candidates = [hit.matchedLine, visitor].compactMap { $0 }
        for text in candidates {
            if let excerpt = SearchText.excerpt(of: text, around: needle, width: excerptWidth) { return excerpt }
        }
        // The store matches scalars: a hit inside a character (a letter under a combining mark
        // that does not compose) is no whole character here: show the line's start instead.
        return String(candidates.first?.prefix(excerptWidth) ?? "")
    }

    /// A one-line query of 1 to 200 characters; `%`, `_` and `\` mean themselves.
    private static func query(_ text: String) throws -> String {
        guard !text.isEmpty, text.fits(characters: maxQueryLength, bytes: maxQueryBytes) else {
            throw ChatError.invalidField(field: .searchText, reason: "must be 1 to \(maxQueryLength) characters and at most \(maxQueryBytes) bytes")
        }
        guard !text.unicodeScalars.contains(where: \.isForbiddenInLabel) else {
            throw ChatError.invalidField(field: .searchText, reason: "must be one line without control characters")
        }
        return text
    }
}
