import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func outboxPosition(of consumer: String) async throws -> EventCursor {
        try await backend.write { db in
            if let row = try await db.raw("SELECT cursor FROM outbox_positions WHERE consumer = \(bind: consumer)").first() {
                return EventCursor(try row.decode(column: "cursor", as: Int64.self))
            }
            let latest = try await db.raw("SELECT COALESCE(MAX(cursor), 0) AS latest FROM chat_events").first()
                .map { try $0.decode(column: "latest", as: Int64.self) } ?? 0
            try await db.raw("""
                INSERT INTO outbox_positions (consumer, cursor) VALUES (\(bind: consumer), \(bind: latest))
                ON CONFLICT (consumer) DO NOTHING
                """).run()
            return EventCursor(latest)
        }
    }

    public func enqueue(
        _ drafts: [DeliveryDraft], advancing consumer: String, from: EventCursor, to: EventCursor, at date: Date
    ) async throws -> Bool {
        try await backend.write { db in
            let moved = try await db.raw("""
                UPDATE outbox_positions SET cursor = \(bind: to.rawValue)
                WHERE consumer = \(bind: consumer) AND cursor = \(bind: from.rawValue) RETURNING consumer
                """).first() != nil
            guard moved else { return false }
            try await Self.insert(drafts, at: date, in: db)
            return true
        }
    }

    public func enqueue(_ drafts: [DeliveryDraft], at date: Date) async throws {
        guard !drafts.isEmpty else { return }
        try await backend.write { db in try await Self.insert(drafts, at: date, in: db) }
    }

    public func claimDueDeliveries(at date: Date, leaseUntil: Date, limit: Int) async throws -> [Delivery] {
        let lock = backend.kind == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await backend.write { db in
            // Only the oldest pending delivery of each lane may go: a lane's deliveries arrive in order.
            let due = try await db.raw("""
                SELECT * FROM outbox o
                WHERE o.dead_at IS NULL AND o.next_attempt_at <= \(bind: date.millisecondsSince1970)
                  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.lane = o.lane AND e.dead_at IS NULL AND e.seq < o.seq)
                ORDER BY o.next_attempt_at, o.seq LIMIT \(bind: limit) \(unsafeRaw: lock)
                """).all().map(Self.delivery)
            for delivery in due {
                try await db.raw("""
                    UPDATE outbox SET next_attempt_at = \(bind: leaseUntil.millisecondsSince1970) WHERE id = \(bind: delivery.id)
                    """).run()
            }
            return due
        }
    }

    public func deliveryDelivered(_ id: String) async throws {
        try await backend.write { db in try await db.raw("DELETE FROM outbox WHERE id = \(bind: id)").run() }
    }

    public func deliveryFailed(_ id: String, attempts: Int, error: String, nextAttemptAt: Date) async throws {
        try await backend.write { db in
            try await db.raw("""
                UPDATE outbox SET attempts = \(bind: attempts), last_error = \(bind: Self.bounded(error)),
                    next_attempt_at = \(bind: nextAttemptAt.millisecondsSince1970)
                WHERE id = \(bind: id) AND dead_at IS NULL
                """).run()
        }
    }

    public func deadLetter(_ id: String, attempts: Int, reason: String, at date: Date) async throws {
        try await backend.write { db in
            try await db.raw("""
                UPDATE outbox SET attempts = \(bind: attempts), last_error = \(bind: Self.bounded(reason)),
                    dead_at = \(bind: date.millisecondsSince1970)
                WHERE id = \(bind: id) AND dead_at IS NULL
                """).run()
        }
    }

    public func deadLetters(limit: Int) async throws -> [Delivery] {
        try await backend.read { db in
            try await db.raw("""
                SELECT * FROM outbox WHERE dead_at IS NOT NULL ORDER BY dead_at DESC, seq DESC LIMIT \(bind: limit)
                """).all().map(Self.delivery)
        }
    }

    public func replayDeadLetter(_ id: String, at date: Date) async throws -> Bool {
        guard StoredKey.canExist(id) else { return false }
        return try await backend.write { db in
            try await db.raw("""
                UPDATE outbox SET dead_at = NULL, attempts = 0, next_attempt_at = \(bind: date.millisecondsSince1970)
                WHERE id = \(bind: id) AND dead_at IS NOT NULL RETURNING id
                """).first() != nil
        }
    }

    public func deleteDeadLetter(_ id: String) async throws -> Bool {
        guard StoredKey.canExist(id) else { return false }
        return try await backend.write { db in
            try await db.raw("DELETE FROM outbox WHERE id = \(bind: id) AND dead_at IS NOT NULL RETURNING id").first() != nil
        }
    }

    public func pendingDeliveries(limit: Int) async throws -> [Delivery] {
        try await backend.read { db in
            try await db.raw("SELECT * FROM outbox WHERE dead_at IS NULL ORDER BY seq LIMIT \(bind: limit)").all().map(Self.delivery)
        }
    }

    static func insert(_ drafts: [DeliveryDraft], at date: Date, in db: any SQLDatabase) async throws {
        for draft in drafts {
            let (destination, webhook, project, recipient): (String, String?, String?, String?) = switch draft.destination {
            case .channel(let project): ("channel", nil, project, nil)
            case .webhook(let id): ("webhook", id.rawValue, nil, nil)
            case .email(let address): ("email", nil, nil, address)
            }
            try await db.raw("""
                INSERT INTO outbox
                    (id, destination, webhook_id, project, recipient, lane, payload, summary, visitor_id, attempts, next_attempt_at, created_at)
                VALUES (\(bind: "msg_" + IdentifierGenerator.hex(byteCount: 16)), \(bind: destination), \(bind: webhook), \(bind: project),
                        \(bind: recipient),
                        \(bind: draft.lane), \(bind: draft.payload), \(bind: draft.summary), \(bind: draft.visitorID?.rawValue), 0,
                        \(bind: date.millisecondsSince1970), \(bind: date.millisecondsSince1970))
                """).run()
        }
    }

    /// Receivers' error texts are theirs: keep what is stored of them small.
    private static func bounded(_ text: String) -> String {
        text.utf8.count <= 500 ? text : String(decoding: Array(text.utf8.prefix(500)), as: UTF8.self)
    }

    private static func delivery(_ row: any SQLRow) throws -> Delivery {
        let destination: DeliveryDestination = switch try row.decode(column: "destination", as: String.self) {
        case "webhook": .webhook(WebhookEndpointID(try row.decode(column: "webhook_id", as: String.self)))
        case "email": .email(to: try row.decode(column: "recipient", as: String.self))
        default: .channel(project: try row.decode(column: "project", as: String?.self))
        }
        return Delivery(
            id: try row.decode(column: "id", as: String.self),
            destination: destination,
            lane: try row.decode(column: "lane", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            summary: try row.decode(column: "summary", as: String.self),
            attempts: Int(try row.decode(column: "attempts", as: Int64.self)),
            nextAttemptAt: Date(millisecondsSince1970: try row.decode(column: "next_attempt_at", as: Int64.self)),
            lastError: try row.decode(column: "last_error", as: String?.self),
            deadAt: try row.decode(column: "dead_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self))
        )
    }
}
