import Foundation

/// A ban's id: an opaque string (a lowercase UUID when Parley creates it).
public struct BanID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// Whom a ban keeps out: one visitor, or everyone whose address is in a range.
public enum BanTarget: Sendable, Hashable {
    case visitor(VisitorID)
    case addresses(AddressRange)
}

/// An admin's decision that a visitor, or an address range, may not start chats (nor be
/// tracked). Several bans may name the same target; each is lifted on its own.
public struct Ban: Sendable, Equatable {
    public var id: BanID
    public var target: BanTarget
    /// Why, for the admins; never shown to the banned visitor.
    public var reason: String?
    /// The admin who banned; nil when the server's operator did, or the admin was since deleted.
    public var createdBy: AgentID?
    public var createdAt: Date

    public init(id: BanID, target: BanTarget, reason: String?, createdBy: AgentID?, createdAt: Date) {
        self.id = id
        self.target = target
        self.reason = reason
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
