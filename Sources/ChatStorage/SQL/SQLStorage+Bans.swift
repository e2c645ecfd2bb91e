import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func createBan(_ ban: Ban) async throws {
        let visitor: String?, addresses: String?, start: String?, end: String?
        switch ban.target {
        case .visitor(let id):
            (visitor, addresses, start, end) = (id.rawValue, nil, nil, nil)
        case .addresses(let range):
            (visitor, addresses, start, end) = (nil, range.description, Self.rangeKey(range.lower), Self.rangeKey(range.upper))
        }
        try await backend.write { db in
            try await db.raw("""
                INSERT INTO bans (id, visitor_id, addresses, range_start, range_end, reason, created_by, created_at)
                VALUES (\(bind: ban.id.rawValue), \(bind: visitor), \(bind: addresses), \(bind: start), \(bind: end),
                        \(bind: ban.reason), \(bind: ban.createdBy?.rawValue), \(bind: ban.createdAt.millisecondsSince1970))
                """).run()
        }
    }

    public func bans() async throws -> [Ban] {
        try await backend.read { db in
            try await db.raw("SELECT * FROM bans ORDER BY created_at, id").all().map(Self.ban)
        }
    }

    public func deleteBan(_ id: BanID) async throws -> Bool {
        guard StoredKey.canExist(id.rawValue) else { return false }
        return try await backend.write { db in
            try await db.raw("DELETE FROM bans WHERE id = \(bind: id.rawValue) RETURNING id").first() != nil
        }
    }

    /// One query on both databases: a missing visitor or address binds NULL, which equals and
    /// orders against nothing.
    public func isBanned(visitor: VisitorID?, address: UInt128?) async throws -> Bool {
        let visitor = visitor.map(\.rawValue).flatMap { StoredKey.canExist($0) ? $0 : nil }
        let key = address.map(Self.rangeKey)
        guard visitor != nil || key != nil else { return false }
        return try await backend.read { db in
            try await db.raw("""
                SELECT id FROM bans
                WHERE visitor_id = \(bind: visitor) OR (range_start <= \(bind: key) AND range_end >= \(bind: key))
                LIMIT 1
                """).first() != nil
        }
    }

    /// An address as 32 lowercase hex digits: compared as text byte by byte, these keys order
    /// as the numbers do.
    static func rangeKey(_ address: UInt128) -> String {
        let digits = String(address, radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }

    private static func ban(_ row: any SQLRow) throws -> Ban {
        let target: BanTarget
        if let visitor = try row.decode(column: "visitor_id", as: String?.self) {
            target = .visitor(VisitorID(visitor))
        } else {
            target = .addresses(try AddressRange(row.decode(column: "addresses", as: String.self)).unwrap())
        }
        return Ban(
            id: BanID(try row.decode(column: "id", as: String.self)),
            target: target,
            reason: try row.decode(column: "reason", as: String?.self),
            createdBy: try row.decode(column: "created_by", as: String?.self).map(AgentID.init(rawValue:)),
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self))
        )
    }
}
