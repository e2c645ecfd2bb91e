import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func registerChannelContact(_ contact: ChannelContact, as visitor: Visitor) async throws -> ChannelContact {
        let kind = backend.kind
        return try await backend.write { db in
            let known = try await db.raw("""
                SELECT * FROM channel_contacts WHERE uuid = \(bind: contact.uuid) \(unsafeRaw: kind.lockRows)
                """).first().map(Self.channelContact)
            if let known {
                return try await Self.update(known, with: contact, name: visitor.name, in: db)
            }
            try await Self.insert(visitor, landing: nil, in: db)
            // Two first registrations of one contact may race on PostgreSQL: the loser drops
            // the visitor it made and updates the winner's contact instead.
            let inserted = try await db.raw("""
                INSERT INTO channel_contacts (uuid, visitor_id, urn, mongo_id, registered_at)
                VALUES (\(bind: contact.uuid), \(bind: visitor.id.rawValue), \(bind: contact.urn), \(bind: contact.mongoID),
                        \(bind: contact.registeredAt.millisecondsSince1970))
                ON CONFLICT (uuid) DO NOTHING RETURNING uuid
                """).first() != nil
            guard inserted else {
                try await db.raw("DELETE FROM visits WHERE visitor_id = \(bind: visitor.id.rawValue)").run()
                try await db.raw("DELETE FROM visitors WHERE id = \(bind: visitor.id.rawValue)").run()
                let winner = try Self.channelContact(
                    try await db.raw("SELECT * FROM channel_contacts WHERE uuid = \(bind: contact.uuid)").first().unwrap()
                )
                return try await Self.update(winner, with: contact, name: visitor.name, in: db)
            }
            try await Self.touch(visitor.id, in: db)
            var stored = contact
            stored.visitorID = visitor.id
            return stored
        }
    }

    public func channelContact(uuid: String) async throws -> ChannelContact? {
        guard StoredKey.canExist(uuid) else { return nil }
        return try await backend.read { db in
            try await db.raw("SELECT * FROM channel_contacts WHERE uuid = \(bind: uuid)").first().map(Self.channelContact)
        }
    }

    public func channelContact(of visitor: VisitorID) async throws -> ChannelContact? {
        guard StoredKey.canExist(visitor.rawValue) else { return nil }
        return try await backend.read { db in
            try await db.raw("SELECT * FROM channel_contacts WHERE visitor_id = \(bind: visitor.rawValue)").first()
                .map(Self.channelContact)
        }
    }

    public func forgetChannelContact(uuid: String) async throws -> Bool {
        guard StoredKey.canExist(uuid) else { return false }
        return try await backend.write { db in
            try await db.raw("DELETE FROM channel_contacts WHERE uuid = \(bind: uuid) RETURNING uuid").first() != nil
        }
    }

    /// A known contact registering again: what it gives now replaces what it gave, and a new
    /// name is news agents see.
    private static func update(
        _ known: ChannelContact, with contact: ChannelContact, name: String, in db: any SQLDatabase
    ) async throws -> ChannelContact {
        var stored = known
        stored.urn = contact.urn ?? known.urn
        stored.mongoID = contact.mongoID ?? known.mongoID
        try await db.raw("""
            UPDATE channel_contacts SET urn = \(bind: stored.urn), mongo_id = \(bind: stored.mongoID)
            WHERE uuid = \(bind: known.uuid)
            """).run()
        if !name.isEmpty {
            let renamed = try await db.raw("""
                UPDATE visitors SET name = \(bind: name) WHERE id = \(bind: known.visitorID.rawValue) AND name <> \(bind: name)
                RETURNING id
                """).first() != nil
            if renamed {
                try await refreshSearchText(of: known.visitorID, in: db)
                try await touch(known.visitorID, in: db)
            }
        }
        return stored
    }

    private static func channelContact(_ row: any SQLRow) throws -> ChannelContact {
        ChannelContact(
            uuid: try row.decode(column: "uuid", as: String.self),
            visitorID: VisitorID(try row.decode(column: "visitor_id", as: String.self)),
            urn: try row.decode(column: "urn", as: String?.self),
            mongoID: try row.decode(column: "mongo_id", as: String?.self),
            registeredAt: Date(millisecondsSince1970: try row.decode(column: "registered_at", as: Int64.self))
        )
    }
}
