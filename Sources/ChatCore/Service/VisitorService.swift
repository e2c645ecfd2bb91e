import Foundation

/// What a web page tells when its visitor is first tracked.
public struct TrackVisitorRequest: Sendable {
    public var name: String?
    public var email: String?
    public var page: PageView?
    public var customVariables: [CustomVariable]
    public var profile: VisitorProfile

    public init(
        name: String? = nil, email: String? = nil, page: PageView? = nil, customVariables: [CustomVariable] = [],
        profile: VisitorProfile = .init()
    ) {
        self.name = name
        self.email = email
        self.page = page
        self.customVariables = customVariables
        self.profile = profile
    }
}

/// A visitor as agents follow it: what it did, where it stands, and what its connection tells.
public struct VisitorOverview: Sendable, Equatable {
    public var record: VisitorRecord
    public var status: VisitorStatus
    public var details: VisitorDetails
}

/// Visitors on the site: tracking (page views, heartbeats), their status, the listing agents
/// follow, custom variables and invitations.
public struct VisitorService: Sendable {
    /// How visitor tracking behaves.
    public struct Settings: Sendable {
        /// Silence after which a visitor is out of the site.
        public var awayAfter: Duration = .seconds(300)
        /// Silence after which a page view starts a new visit.
        public var newVisitAfter: Duration = .seconds(1800)
        /// The most visitors one listing returns.
        public var maxListed = 500

        public init() {}
    }

    let store: any VisitorStore & InvitationRuleStore & DirectoryStore
    /// Wakes the feeds that follow visitors when one changes.
    let bus: any EventBus
    private let auth: AuthService
    private let bans: BanService
    private let insights: VisitorInsights
    let limits: ChatLimits
    private let settings: Settings
    let now: @Sendable () -> Date

    public init(
        store: any VisitorStore & InvitationRuleStore & DirectoryStore, bus: any EventBus, auth: AuthService, bans: BanService, insights: VisitorInsights, limits: ChatLimits,
        settings: Settings, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.bus = bus
        self.auth = auth
        self.bans = bans
        self.insights = insights
        self.limits = limits
        self.settings = settings
        self.now = now
    }

    /// Records a new visitor and the page it is on, and opens its session. A banned address is
    /// refused before anything is stored.
    public func track(_ request: TrackVisitorRequest) async throws -> (VisitorOverview, IssuedCredentials) {
        try await bans.check(visitor: nil, address: request.profile.ipAddress)
        let date = now()
        let name = try request.name.map { try Validate.name($0, limits: limits) }
        let email = try request.email.map { try Validate.email($0, limits: limits) }
        let page = try request.page.map { try Self.checked($0, at: date, limits: limits) }
        let visitor = Visitor(
            id: VisitorID(IdentifierGenerator.shortHex()), name: name ?? "", email: email ?? "",
            profile: Validate.profile(request.profile, limits: limits),
            customVariables: try Validate.customVariables(request.customVariables, limits: limits), createdAt: date
        )
        let (session, credentials) = try await auth.prepareVisitorSession(visitor: visitor.id)
        try await store.createVisitor(visitor, landing: page, session: session)
        await bus.publish(.visitorChanged(visitor.id))
        try await inviteAutomatically(visitor.id)
        return (try await overview(of: visitor.id), credentials)
    }

    /// The calling visitor, at `address`, opened a page; a banned visitor or address is refused.
    public func recordPageView(_ view: PageView, as principal: Principal, from address: String?) async throws {
        let visitor = try Self.visitor(principal)
        try await bans.check(visitor: visitor, address: address)
        let view = try Self.checked(view, at: now(), limits: limits)
        try await store.recordPageView(view, of: visitor, newVisitAfter: settings.newVisitAfter)
        await bus.publish(.visitorChanged(visitor))
        try await inviteAutomatically(visitor)
    }

    /// The calling visitor is still on the page; `preChat` says whether it has the pre-chat form open.
    public func heartbeat(preChat: Bool?, as principal: Principal) async throws {
        let visitor = try Self.visitor(principal)
        if try await store.visitorSeen(visitor, at: now(), preChat: preChat) {
            await bus.publish(.visitorChanged(visitor))
        }
        try await inviteAutomatically(visitor)
    }

    /// Announces the visitors who went silent past `awayAfter` as gone, a bounded batch at a
    /// time; answers how many.
    public func announceDepartures() async throws -> Int {
        let date = now()
        let departed = try await store.markDepartures(silentSince: date.adding(.zero - settings.awayAfter), at: date, limit: 500)
        for visitor in departed {
            await bus.publish(.visitorChanged(visitor))
        }
        return departed.count
    }

    /// The records a feed read, as agents see them.
    public func overviews(of records: [VisitorRecord]) async throws -> [VisitorOverview] {
        guard !records.isEmpty else { return [] }
        let staffed = try await staffedDepartments()
        let date = now()
        return records.map { overview(of: $0, staffed: staffed, at: date) }
    }

    /// One visitor, for agents; the visitor itself may read its own.
    public func visitor(_ id: VisitorID, by principal: Principal) async throws -> VisitorOverview {
        guard principal.agent != nil || principal.visitorID == id else { throw ChatError.visitorNotFound(id) }
        return try await overview(of: id)
    }

    /// The visitors on the site now or with an open chat, most recently seen first; with
    /// `status`, those in that status only. Agents only.
    public func currentVisitors(status: VisitorStatus? = nil, by principal: Principal) async throws -> [VisitorOverview] {
        guard principal.agent != nil else { throw ChatError.forbidden(reason: "Only agents follow visitors.") }
        let date = now()
        let records = try await store.visitorRecords(
            seenSince: date.adding(.zero - settings.awayAfter), limit: settings.maxListed
        )
        let staffed = try await staffedDepartments()
        return records.map { overview(of: $0, staffed: staffed, at: date) }.filter { status == nil || $0.status == status }
    }

    /// Replaces a visitor's custom variables (agents only) and answers the updated visitor.
    public func setCustomVariables(_ variables: [CustomVariable], of id: VisitorID, by principal: Principal) async throws -> VisitorOverview {
        // Agents set anyone's; a visitor its own (the site's page tells the widget what it knows).
        guard principal.agent != nil || principal.visitorID == id else {
            throw ChatError.forbidden(reason: "Only agents and the visitor itself set a visitor's custom variables.")
        }
        let variables = try Validate.customVariables(variables, limits: limits)
        try await store.setCustomVariables(variables, of: id)
        await bus.publish(.visitorChanged(id))
        return try await overview(of: id)
    }

    /// The visitor renames itself (LivePerson's visitor sets its name during the chat); agents
    /// see the new name at once.
    public func rename(to name: String, as principal: Principal) async throws -> VisitorOverview {
        guard let id = principal.visitorID else { throw ChatError.forbidden(reason: "Only a visitor renames itself.") }
        let name = try Validate.name(name, limits: limits)
        try await store.setName(name, of: id)
        await bus.publish(.visitorChanged(id))
        return try await overview(of: id)
    }

    // MARK: Helpers

    func overview(of id: VisitorID) async throws -> VisitorOverview {
        guard let record = try await store.visitorRecord(id) else { throw ChatError.visitorNotFound(id) }
        return overview(of: record, staffed: try await staffedDepartments(), at: now())
    }

    private func overview(of record: VisitorRecord, staffed: Set<DepartmentID>, at date: Date) -> VisitorOverview {
        let isStaffed = record.currentChat.map { staffed.contains($0.departmentID) } ?? false
        return VisitorOverview(
            record: record,
            status: VisitorStatusRule(awayAfter: settings.awayAfter).status(of: record, staffed: isStaffed, at: date),
            details: insights.details(of: record.visitor)
        )
    }

    /// The departments with an agent online to answer.
    private func staffedDepartments() async throws -> Set<DepartmentID> {
        Set(try await store.agents().filter { $0.status.availability == .online }.flatMap(\.departmentIDs))
    }

    private static func visitor(_ principal: Principal) throws -> VisitorID {
        guard let visitor = principal.visitorID else { throw ChatError.forbidden(reason: "Only visitors are tracked.") }
        return visitor
    }

    private static func checked(_ view: PageView, at date: Date, limits: ChatLimits) throws -> PageView {
        PageView(
            url: try Validate.pageURL(view.url, limits: limits),
            title: Validate.profileField(view.title, limits: limits) ?? "",
            referrer: Validate.profileField(view.referrer, limits: limits) ?? "",
            viewedAt: date
        )
    }
}
