import Foundation

/// What a visitor fills in to leave a message when nobody can chat.
public struct LeaveMessageRequest: Sendable {
    public var departmentID: DepartmentID
    public var name: String?
    public var email: String?
    public var text: String
    public var profile: VisitorProfile

    public init(departmentID: DepartmentID, name: String?, email: String?, text: String, profile: VisitorProfile = .init()) {
        self.departmentID = departmentID
        self.name = name
        self.email = email
        self.text = text
        self.profile = profile
    }
}

/// Offline messages: left by visitors (the same checks as starting a chat: fields, bans, the
/// captcha policy), read by the agents of their department, and told to webhooks once stored.
public struct OfflineMessageService: Sendable {
    private let store: any OfflineMessageStore & DirectoryStore & ChatStore
    private let captchas: CaptchaService
    private let bans: BanService
    private let outbox: OutboxService?
    private let limits: ChatLimits
    private let now: @Sendable () -> Date

    public init(
        store: any OfflineMessageStore & DirectoryStore & ChatStore, captchas: CaptchaService, bans: BanService,
        outbox: OutboxService?, limits: ChatLimits,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.captchas = captchas
        self.bans = bans
        self.outbox = outbox
        self.limits = limits
        self.now = now
    }

    /// Stores the message (a visitor may leave its own name and email out: what it gave
    /// before is used), then queues its webhook notification.
    public func leave(_ request: LeaveMessageRequest, captcha: CaptchaAnswer?, as caller: Principal? = nil) async throws -> OfflineMessage {
        if caller != nil, caller?.visitorID == nil { throw ChatError.forbidden(reason: "Only visitors leave offline messages.") }
        let visitorID = caller?.visitorID
        try await bans.check(visitor: visitorID, address: request.profile.ipAddress)
        let known = try await visitorID.asyncMap { try await store.visitor($0) } ?? nil
        let name = try (request.name ?? known?.name).map { try Validate.name($0, limits: limits) }
        let email = try (request.email ?? known.flatMap { $0.email.isEmpty ? nil : $0.email }).map { try Validate.email($0, limits: limits) }
        guard let name else { throw ChatError.invalidField(field: .name, reason: "is required") }
        guard let email else { throw ChatError.invalidField(field: .email, reason: "is required") }
        let text = try Validate.message(request.text, field: .firstMessage, limits: limits)
        guard try await store.department(request.departmentID) != nil else { throw ChatError.departmentNotFound(request.departmentID) }
        try await captchas.verify(captcha)
        let draft = OfflineMessage(
            id: OfflineMessageID(IdentifierGenerator.shortHex()), departmentID: request.departmentID, visitorID: visitorID,
            name: name, email: email, text: text, profile: Validate.profile(request.profile, limits: limits), createdAt: now()
        )
        let message = try await store.createOfflineMessage(draft)
        await outbox?.offlineMessageLeft(message)
        return message
    }

    /// The newest messages first: an agent's departments', or every one for admins.
    public func messages(in department: DepartmentID?, before: Date?, limit: Int, by principal: Principal) async throws -> [OfflineMessage] {
        guard let agent = principal.agent else { throw ChatError.forbidden(reason: "Only agents read offline messages.") }
        let limit = try Validate.pageSize(limit, limits: limits)
        var scope: Set<DepartmentID>? = agent.isAdmin ? nil : Set(agent.departmentIDs)
        if let department {
            guard scope?.contains(department) ?? true else { throw ChatError.forbidden(reason: "You do not serve this department.") }
            scope = [department]
        }
        return try await store.offlineMessages(in: scope, before: before, limit: limit)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
