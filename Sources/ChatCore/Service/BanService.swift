import Foundation

/// Bans: admins keep a visitor, or every visitor in an address range, from starting chats
/// (on every face) and from being tracked. Banning the same target twice is allowed: each ban
/// keeps its own reason and author, and lifting one leaves the others in force.
public struct BanService: Sendable {
    private let store: any BanStore & ChatStore
    private let limits: ChatLimits
    /// Told of every ban, for webhooks.
    private let outbox: OutboxService?
    private let now: @Sendable () -> Date

    public init(
        store: any BanStore & ChatStore, limits: ChatLimits, outbox: OutboxService? = nil, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.limits = limits
        self.outbox = outbox
        self.now = now
    }

    /// Bans the target; admins only. A visitor must exist; the reason, if any, is checked like
    /// a message (bounded in characters and bytes, not blank).
    public func ban(_ target: BanTarget, reason: String?, by caller: Caller) async throws -> Ban {
        try caller.requireAdmin()
        let reason = try reason.map { try Validate.message($0, field: .banReason, limits: limits) }
        if case .visitor(let visitor) = target, try await store.visitor(visitor) == nil {
            throw ChatError.invalidField(field: .banVisitor, reason: "names no visitor")
        }
        let createdBy: AgentID? = if case .principal(let principal) = caller { principal.agent?.id } else { nil }
        let ban = Ban(id: BanID(IdentifierGenerator.uuid()), target: target, reason: reason, createdBy: createdBy, createdAt: now())
        try await store.createBan(ban)
        await outbox?.banned(ban)
        return ban
    }

    /// Bans what a request names (see `BanTarget.init(visitor:addresses:)`). Whether the caller
    /// may ban at all is checked before what it names.
    public func ban(visitor: String?, addresses: String?, reason: String?, by caller: Caller) async throws -> Ban {
        try caller.requireAdmin()
        return try await ban(BanTarget(visitor: visitor, addresses: addresses), reason: reason, by: caller)
    }

    /// Every ban, oldest first; admins only.
    public func bans(by caller: Caller) async throws -> [Ban] {
        try caller.requireAdmin()
        return try await store.bans()
    }

    /// Lifts a ban; admins only. What it kept out may come in again at once.
    public func lift(_ id: BanID, by caller: Caller) async throws {
        try caller.requireAdmin()
        guard try await store.deleteBan(id) else { throw ChatError.banNotFound(id) }
    }

    /// Throws `ChatError.banned` when a ban names the visitor or holds the address. An address
    /// that is not an IP address (or none) is checked for the visitor alone.
    public func check(visitor: VisitorID?, address: String?) async throws {
        let value = address.flatMap { $0.utf8.count <= AddressRange.maxBytes ? IPAddressText.address($0) : nil }
        guard visitor != nil || value != nil else { return }
        if try await store.isBanned(visitor: visitor, address: value) {
            throw ChatError.banned
        }
    }
}

extension BanTarget {
    /// The target a request names: exactly one of a visitor id and an address range (one
    /// address, a CIDR block, or a span "a-b" of one family).
    public init(visitor: String?, addresses: String?) throws {
        switch (visitor, addresses) {
        case (let visitor?, nil):
            self = .visitor(VisitorID(visitor))
        case (nil, let addresses?):
            guard let range = AddressRange(addresses) else {
                throw ChatError.invalidField(
                    field: .banAddresses,
                    reason: "must be an IP address, a CIDR block (192.0.2.0/24) or a span of one family (192.0.2.10-192.0.2.20), "
                        + "at most \(AddressRange.maxBytes) bytes"
                )
            }
            self = .addresses(range)
        case (.some, .some):
            throw ChatError.invalidField(field: .banAddresses, reason: "cannot be given with a visitor: a ban names one or the other")
        case (nil, nil):
            throw ChatError.invalidField(field: .banVisitor, reason: "or an address range is required")
        }
    }
}
