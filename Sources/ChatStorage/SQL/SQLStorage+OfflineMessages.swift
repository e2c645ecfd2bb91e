import ChatCore
import Foundation
import SQLKit

extension SQLStorage {
    public func createOfflineMessage(_ draft: OfflineMessage) async throws -> OfflineMessage {
        var stored = draft
        stored.createdAt = Date(millisecondsSince1970: draft.createdAt.millisecondsSince1970)
        let message = stored
        let profile = message.profile
        try await backend.write { db in
            try await db.raw("""
                INSERT INTO offline_messages (id, department_id, visitor_id, name, email, text, user_agent, ip_address, language,
                                              source_url, created_at)
                VALUES (\(bind: message.id.rawValue), \(bind: message.departmentID.rawValue), \(bind: message.visitorID?.rawValue),
                        \(bind: message.name), \(bind: message.email), \(bind: message.text), \(bind: profile.userAgent),
                        \(bind: profile.ipAddress), \(bind: profile.language), \(bind: profile.sourceURL),
                        \(bind: message.createdAt.millisecondsSince1970))
                """).run()
        }
        return message
    }

    public func offlineMessages(in departments: Set<DepartmentID>?, before: Date?, limit: Int) async throws -> [OfflineMessage] {
        if departments?.isEmpty == true { return [] }
        let departmentIDs = departments.map { $0.sorted().map(\.rawValue) }
        let before = before?.millisecondsSince1970
        return try await backend.read { db in
            var query = db.select().column("*").from("offline_messages")
            if let departmentIDs { query = query.where("department_id", .in, departmentIDs) }
            if let before { query = query.where("created_at", .lessThan, before) }
            return try await query.orderBy("created_at", .descending).orderBy("id", .descending).limit(limit).all()
                .map(Self.offlineMessage)
        }
    }

    private static func offlineMessage(_ row: any SQLRow) throws -> OfflineMessage {
        OfflineMessage(
            id: OfflineMessageID(try row.decode(column: "id", as: String.self)),
            departmentID: DepartmentID(try row.decode(column: "department_id", as: Int64.self)),
            visitorID: try row.decode(column: "visitor_id", as: String?.self).map { VisitorID($0) },
            name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            text: try row.decode(column: "text", as: String.self),
            profile: VisitorProfile(
                userAgent: try row.decode(column: "user_agent", as: String?.self),
                ipAddress: try row.decode(column: "ip_address", as: String?.self),
                language: try row.decode(column: "language", as: String?.self),
                sourceURL: try row.decode(column: "source_url", as: String?.self)
            ),
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self))
        )
    }
}
