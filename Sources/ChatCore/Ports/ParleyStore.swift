/// Everything Parley stores, behind one handle.
public protocol ParleyStore: DirectoryStore, ChatStore, VisitorStore, VisitorPrivacyStore, InvitationRuleStore, SessionStore, CaptchaStore,
    RoutingStore, AgentSessionStore, BanStore, ChannelContactStore, OfflineMessageStore, OutboxStore, WebhookStore, AttachmentStore,
    CannedResponseStore, PrechatFieldStore, ChatSearchStore, TranscriptStore {
    /// Succeeds when the database answers.
    func ping() async throws
}
