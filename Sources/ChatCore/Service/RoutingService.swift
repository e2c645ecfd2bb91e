import Foundation

/// A queued chat's place in line.
public struct QueueStanding: Sendable, Equatable {
    /// 1 when the chat is next.
    public var position: Int
    /// A guess from the department's recent waits; nil when there is no history yet.
    public var estimatedWait: TimeInterval?

    public init(position: Int, estimatedWait: TimeInterval?) {
        self.position = position
        self.estimatedWait = estimatedWait
    }
}

/// How long a new chat would wait before an agent takes it.
public enum ExpectedWait: Sendable, Equatable {
    /// An agent takes it at once.
    case immediate
    case seconds(TimeInterval)
    /// People wait, and no past chats tell for how long.
    case unknown
}

/// Hands queued chats to agents and keeps doing so as things change: a new chat, an agent
/// coming online, capacity freed, an offer declined or timed out. Every decision is taken
/// under the store's routing lock, so two agents are never offered the same chat.
public struct RoutingService: Sendable {
    private let store: any RoutingStore & DirectoryStore
    private let log: ChatLog
    private let bus: any EventBus
    private let settings: RoutingSettings
    private let limits: ChatLimits
    /// Told of every status change, for webhooks.
    private let outbox: OutboxService?
    private let now: @Sendable () -> Date

    public init(
        store: any RoutingStore & DirectoryStore, log: ChatLog, bus: any EventBus, settings: RoutingSettings, limits: ChatLimits = ChatLimits(),
        outbox: OutboxService? = nil, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.log = log
        self.bus = bus
        self.settings = settings
        self.limits = limits
        self.outbox = outbox
        self.now = now
    }

    public var routingSettings: RoutingSettings { settings }

    /// Offers the department's waiting chats to its eligible agents.
    public func route(_ department: DepartmentID) async throws {
        let date = now()
        _ = try await log.route(department, capacity: settings.capacity, at: date) { snapshot in
            RoutingPolicy.offers(for: snapshot, at: date, coolDown: settings.offerTimeout)
        }
    }

    /// Routes every department; the periodic safety net behind the event-driven routing.
    public func routeEverywhere() async throws {
        for department in try await store.departments() {
            try await route(department.id)
        }
    }

    /// Changes an agent's status (the agent itself or an admin). Going away or offline hands
    /// the agent's pending offers back to the queue; coming online routes waiting chats to it.
    public func setStatus(_ status: AgentStatus, of id: AgentID, by caller: Caller) async throws -> Agent {
        try requireSelfOrAdmin(id, caller)
        if let reason = status.awayReason, !AgentStatus.builtInAwayReasons.contains(reason),
           try await !store.awayStatuses().contains(reason) {
            throw ChatError.invalidField(field: .awayReason, reason: "is not a defined away status")
        }
        let agent = try await store.setAgentStatus(id, to: status)
        await bus.publish(.presence(PresenceNotice(agentID: id, status: status, at: now())))
        await outbox?.agentStatusChanged(id, to: status)
        if status.availability != .online {
            try await withdrawOffers(to: id)
        }
        for department in agent.departmentIDs {
            try await route(department)
        }
        return agent
    }

    /// Sets an agent's own limit of concurrent chats (nil: the department's, then the server's).
    public func setCapacity(_ maxChats: Int?, of id: AgentID, by caller: Caller) async throws -> Agent {
        try caller.requireAdmin()
        if let maxChats, !(1...100).contains(maxChats) {
            throw ChatError.invalidField(field: .maxChats, reason: "must be between 1 and 100")
        }
        let agent = try await store.setAgentCapacity(id, maxChats: maxChats)
        for department in agent.departmentIDs {
            try await route(department)
        }
        return agent
    }

    public func setDepartmentRouting(
        _ mode: RoutingMode, maxChatsPerAgent: Int?, of id: DepartmentID, by caller: Caller
    ) async throws -> Department {
        try caller.requireAdmin()
        if let maxChatsPerAgent, !(1...100).contains(maxChatsPerAgent) {
            throw ChatError.invalidField(field: .maxChatsPerAgent, reason: "must be between 1 and 100")
        }
        let department = try await store.setDepartmentRouting(id, mode: mode, maxChatsPerAgent: maxChatsPerAgent)
        try await route(id)
        return department
    }

    /// After an agent's departments change: its offers in departments it left go back to
    /// their queues, and the departments it serves now are routed.
    public func membershipChanged(_ agent: Agent) async throws {
        for chat in try await store.chatsOffered(to: agent.id) where !agent.serves(chat.departmentID) {
            if let offer = chat.offer, try await withdraw(offer, from: chat.id, because: .agentUnavailable) {
                try await route(chat.departmentID)
            }
        }
        for department in agent.departmentIDs {
            try await route(department)
        }
    }

    /// An agent turns down an offer; the chat goes to the next agent.
    public func decline(_ chat: ChatID, as principal: Principal) async throws {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents receive offers.") }
        let declined = try await log.update(chat, at: now()) { chat in try ChatTransitions.decline(chat, by: agent.id) }
        try await route(declined.chat.departmentID)
    }

    /// Withdraws offers older than the offer timeout, sets their agents away if so
    /// configured, and offers the chats to the next agents.
    public func expireOffers() async throws {
        let deadline = now().adding(.zero - settings.offerTimeout)
        for chat in try await store.chatsWithOffers(madeBefore: deadline) {
            guard let offer = chat.offer else { continue }
            if try await withdraw(offer, from: chat.id, because: .timedOut), settings.awayOnMissedOffer {
                let agent = try await store.setAgentStatus(offer.agentID, to: .away)
                await bus.publish(.presence(PresenceNotice(agentID: agent.id, status: .away, at: now())))
                await outbox?.agentStatusChanged(agent.id, to: .away)
                try await withdrawOffers(to: agent.id)
            }
            try await route(chat.departmentID)
        }
    }

    /// Where a queued chat stands in its department's line.
    public func standing(of chat: Chat) async throws -> QueueStanding? {
        guard chat.state == .queued || chat.state == .transferring else { return nil }
        let position = try await store.queuePosition(of: chat)
        let average = try await store.averageWait(in: chat.departmentID, recent: 50)
        return QueueStanding(position: position, estimatedWait: average.map { $0 * Double(position) })
    }

    /// How long a chat started now in the department would wait: not at all when nobody waits
    /// there and an online agent of it has room for one more chat; else the department's recent
    /// average wait for each place in the line it would join (`unknown` without history).
    public func expectedWait(in id: DepartmentID) async throws -> ExpectedWait {
        guard let department = try await store.department(id) else { throw ChatError.departmentNotFound(id) }
        let waiting = try await store.queueLength(of: id)
        if waiting == 0 {
            let loads = try await store.agentLoads()
            let hasRoom = try await store.agents().contains { agent in
                agent.status.availability == .online && agent.serves(id)
                    && loads[agent.id, default: 0] < settings.capacity.capacity(of: agent, in: department)
            }
            if hasRoom { return .immediate }
        }
        guard let average = try await store.averageWait(in: id, recent: 50) else { return .unknown }
        return .seconds(average * Double(waiting + 1))
    }

    /// The chats offered to the agent and not yet accepted (ringing), oldest first.
    public func offers(to agent: AgentID) async throws -> [Chat] {
        try await store.chatsOffered(to: agent)
    }

    /// Each agent's ongoing chats: the active chats it serves plus its pending offers.
    public func loads() async throws -> [AgentID: Int] {
        try await store.agentLoads()
    }

    // MARK: Custom away statuses

    public func awayStatuses(by caller: Caller) async throws -> [String] {
        if case .principal(let principal) = caller, principal.agent == nil {
            throw ChatError.forbidden(reason: "Only agents see the away statuses.")
        }
        return try await store.awayStatuses()
    }

    public func defineAwayStatus(_ name: String, by caller: Caller) async throws {
        try caller.requireAdmin()
        let name = try Validate.awayStatus(name, limits: limits)
        guard Availability(rawValue: name.lowercased()) == nil else {
            throw ChatError.invalidField(field: .awayStatusName, reason: "must not be online, away or offline")
        }
        try await store.defineAwayStatus(name, at: now())
    }

    public func removeAwayStatus(_ name: String, by caller: Caller) async throws {
        try caller.requireAdmin()
        try await store.removeAwayStatus(name)
    }

    // MARK: Private

    private func withdrawOffers(to agent: AgentID) async throws {
        for chat in try await store.chatsOffered(to: agent) {
            if let offer = chat.offer, try await withdraw(offer, from: chat.id, because: .agentUnavailable) {
                try await route(chat.departmentID)
            }
        }
    }

    /// Withdraws `offer` if it still stands; false when someone got there first.
    private func withdraw(_ offer: Offer, from chat: ChatID, because ending: OfferEnding) async throws -> Bool {
        let update = try await log.update(chat, at: now()) { chat in ChatTransitions.withdraw(offer, from: chat, because: ending) }
        guard case .applied(_, let events) = update, !events.isEmpty else { return false }
        return true
    }

    private func requireSelfOrAdmin(_ id: AgentID, _ caller: Caller) throws {
        if case .principal(let principal) = caller, principal.agent?.id != id {
            try caller.requireAdmin()
        }
        if case .principal(let principal) = caller, principal.agent == nil {
            throw ChatError.forbidden(reason: "Only agents have a status.")
        }
    }
}
