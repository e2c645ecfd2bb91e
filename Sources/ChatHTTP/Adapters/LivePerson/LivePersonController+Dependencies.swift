import ChatCore

extension LivePersonController {
    /// The core services this face calls.
    struct Services: Sendable {
        let auth: AuthService
        let agentSessions: AgentSessionService
        let directory: DirectoryService
        let chats: ChatService
        let routing: RoutingService
        let insights: VisitorInsights
    }

    /// What this face reads from the server's configuration.
    struct Settings: Sendable {
        /// The account id the face answers to; any other is 404.
        let accountID: String
        /// Where absolute links start.
        let origin: LPOrigin
        /// How long a login of `?v=1.2` lives without a refresh.
        let renewableIdleLifetime: Duration
        /// The rule an agent's reported chat limit comes from.
        let capacity: CapacityRule
        /// How long a silent visitor still counts as present in a chat.
        let visitorInactivityTimeout: Duration
    }
}
