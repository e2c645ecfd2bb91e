import Foundation

/// Auto-invitation: admins set rules (a page pattern and a time on the page); a visitor on the
/// site who meets one, holds no open chat and was not invited yet during this visit is invited
/// (`autoInvited`) at its next page view or heartbeat.
extension VisitorService {
    public func autoInvitationRules(by caller: Caller) async throws -> [AutoInvitationRule] {
        try caller.requireAdmin()
        return try await store.autoInvitationRules()
    }

    public func addAutoInvitationRule(
        name: String, urlPattern: String, secondsOnPage: Int, by caller: Caller
    ) async throws -> AutoInvitationRule {
        try caller.requireAdmin()
        let name = try Validate.name(name, limits: limits)
        guard (0...86_400).contains(secondsOnPage) else {
            throw ChatError.invalidField(field: .secondsOnPage, reason: "must be between 0 and 86400")
        }
        let pattern = urlPattern.trimmingCharacters(in: .whitespacesAndNewlines)
        guard pattern.fits(characters: limits.maxProfileFieldLength, bytes: limits.maxProfileFieldBytes),
              !pattern.unicodeScalars.contains(where: \.isControlCode)
        else {
            throw ChatError.invalidField(
                field: .urlPattern, reason: "must be at most \(limits.maxProfileFieldBytes) bytes without control characters"
            )
        }
        let rule = AutoInvitationRule(
            id: IdentifierGenerator.shortHex(), name: name, urlPattern: pattern, secondsOnPage: secondsOnPage, createdAt: now()
        )
        try await store.createAutoInvitationRule(rule)
        return rule
    }

    public func removeAutoInvitationRule(_ id: String, by caller: Caller) async throws {
        try caller.requireAdmin()
        guard try await store.deleteAutoInvitationRule(id) else { throw ChatError.ruleNotFound(id) }
    }

    /// Invites the visitor if a rule says so now.
    func inviteAutomatically(_ visitor: VisitorID) async throws {
        let rules = try await store.autoInvitationRules()
        guard !rules.isEmpty else { return }
        let current = try await overview(of: visitor)
        let activity = current.record.activity
        guard current.status == .inSite || current.status == .preChat, let page = activity.currentPage else { return }
        if let invitation = activity.invitation, invitation.at >= activity.visitStartedAt { return }
        let date = now()
        guard rules.contains(where: { $0.invites(onto: page.url, viewedAt: page.viewedAt, at: date) }) else { return }
        try await store.setInvitation(Invitation(kind: .auto, answer: .pending, at: date, by: nil), of: visitor)
        await bus.publish(.visitorChanged(visitor))
    }
}
