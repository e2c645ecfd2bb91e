/// An agent invites a visitor on the site to chat; the visitor accepts (and starts a chat) or declines.
extension VisitorService {
    /// Invites a visitor who is on the site and holds no open chat. Agents only.
    public func invite(_ id: VisitorID, by principal: Principal) async throws -> VisitorOverview {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents invite visitors.") }
        let current = try await overview(of: id)
        switch current.status {
        case .outOfSite:
            throw ChatError.visitorUnavailable(id, reason: "is no longer on the site")
        case .waitingForChat, .chatting, .transferring, .offlineMessage:
            throw ChatError.visitorUnavailable(id, reason: "already has an open chat")
        default:
            break
        }
        try await store.setInvitation(Invitation(kind: .manual, answer: .pending, at: now(), by: agent.id), of: id)
        await bus.publish(.visitorChanged(id))
        return try await overview(of: id)
    }

    /// The calling visitor answers the invitation it holds: accepting comes before it starts its
    /// chat; declining is remembered for the rest of the visit (`refusedByVisitor`).
    public func answerInvitation(accept: Bool, as principal: Principal) async throws -> VisitorOverview {
        guard let visitor = principal.visitorID else { throw ChatError.forbidden(reason: "Only the invited visitor answers.") }
        let current = try await overview(of: visitor)
        guard var invitation = current.record.activity.invitation, invitation.answer == .pending else {
            throw ChatError.noInvitation
        }
        invitation.answer = accept ? .accepted : .declined
        try await store.setInvitation(invitation, of: visitor)
        await bus.publish(.visitorChanged(visitor))
        return try await overview(of: visitor)
    }
}
