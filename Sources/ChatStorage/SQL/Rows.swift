import ChatCore
import Foundation
import SQLKit

/// Turns rows into domain values, and domain values into column values.
enum Rows {
    static func department(_ row: any SQLRow) throws -> Department {
        Department(
            id: DepartmentID(try row.decode(column: "id", as: Int64.self)),
            name: try row.decode(column: "name", as: String.self),
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self)),
            routingMode: try RoutingMode(rawValue: row.decode(column: "routing_mode", as: String.self)).unwrap(),
            maxChatsPerAgent: try row.decode(column: "max_chats_per_agent", as: Int?.self),
            calendar: try row.decode(column: "calendar", as: String?.self).flatMap(CalendarKey.init)
        )
    }

    static func agent(_ row: any SQLRow, departments: [String: [DepartmentID]]) throws -> Agent {
        let id = try row.decode(column: "id", as: String.self)
        return Agent(
            id: AgentID(id),
            email: try row.decode(column: "email", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            isAdmin: try row.decode(column: "is_admin", as: Bool.self),
            departmentIDs: departments[id] ?? [],
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self)),
            status: AgentStatus(
                try Availability(rawValue: row.decode(column: "status", as: String.self)).unwrap(),
                awayReason: try row.decode(column: "away_reason", as: String?.self)
            ),
            maxChats: try row.decode(column: "max_chats", as: Int?.self)
        )
    }

    static func visitor(_ row: any SQLRow) throws -> Visitor {
        Visitor(
            id: VisitorID(try row.decode(column: "id", as: String.self)),
            name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            profile: VisitorProfile(
                userAgent: try row.decode(column: "user_agent", as: String?.self),
                ipAddress: try row.decode(column: "ip_address", as: String?.self),
                language: try row.decode(column: "language", as: String?.self),
                sourceURL: try row.decode(column: "source_url", as: String?.self),
                screenResolution: try row.decode(column: "screen_resolution", as: String?.self),
                timeZone: try row.decode(column: "time_zone", as: String?.self)
            ),
            customVariables: try customVariables(row, column: "custom_variables"),
            formFields: try customVariables(row, column: "form_fields"),
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self))
        )
    }

    static func chat(_ row: any SQLRow) throws -> Chat {
        let state = try row.decode(column: "state", as: String.self)
        return Chat(
            id: ChatID(try row.decode(column: "id", as: String.self)),
            number: try row.decode(column: "number", as: Int64.self),
            departmentID: DepartmentID(try row.decode(column: "department_id", as: Int64.self)),
            visitorID: VisitorID(try row.decode(column: "visitor_id", as: String.self)),
            state: try ChatState(rawValue: state).unwrap(),
            agentID: try row.decode(column: "agent_id", as: String?.self).map(AgentID.init(rawValue:)),
            offer: try row.decode(column: "offered_to", as: String?.self).map { agent in
                Offer(agentID: AgentID(agent), at: Date(millisecondsSince1970: try row.decode(column: "offered_at", as: Int64?.self) ?? 0))
            },
            nextEventID: try row.decode(column: "next_event_id", as: Int.self),
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self)),
            updatedAt: Date(millisecondsSince1970: try row.decode(column: "updated_at", as: Int64.self)),
            visitorSeenAt: try row.decode(column: "visitor_seen_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            endedBy: try row.decode(column: "ended_by", as: String?.self).flatMap(ChatEnder.init(rawValue:)),
            endedAt: try row.decode(column: "ended_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            servedAt: try row.decode(column: "served_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            ratedAt: try row.decode(column: "rated_at", as: Int64?.self).map(Date.init(millisecondsSince1970:))
        )
    }

    static func event(_ row: any SQLRow) throws -> ChatEvent {
        let author = EventAuthor(
            columns: try row.decode(column: "author_kind", as: String.self), id: try row.decode(column: "author_id", as: String?.self)
        )
        let body: EventBody
        switch try row.decode(column: "kind", as: String.self) {
        case "message": body = .message(try row.decode(column: "text", as: String?.self) ?? "")
        case "state": body = .stateChanged(try ChatState(rawValue: row.decode(column: "state", as: String.self)).unwrap())
        case "offered": body = .offered(AgentID(try row.decode(column: "target_agent_id", as: String.self)))
        case "offer_withdrawn":
            // Offers withdrawn before reasons were recorded: the agent's own withdrawals were declines.
            let recorded = try row.decode(column: "state", as: String?.self).flatMap(OfferEnding.init(rawValue:))
            body = .offerWithdrawn(
                AgentID(try row.decode(column: "target_agent_id", as: String.self)),
                recorded ?? (author == .system ? .agentUnavailable : .declined)
            )
        case "transferred":
            let target: TransferTarget = if let agent = try row.decode(column: "target_agent_id", as: String?.self) {
                .agent(AgentID(agent))
            } else {
                .department(DepartmentID(try row.decode(column: "target_department_id", as: Int64.self)))
            }
            body = .transferred(target, note: try row.decode(column: "text", as: String?.self))
        case "notice":
            body = .notice(try SystemNotice(rawValue: row.decode(column: "state", as: String.self)).unwrap())
        case "note": body = .note(try row.decode(column: "text", as: String?.self) ?? "")
        case "rating":
            // The score is kept where other events keep their small codes.
            let score = try Int(row.decode(column: "state", as: String.self)).unwrap()
            body = .rated(ChatRating(score: score, comment: try row.decode(column: "text", as: String?.self)))
        case "attachment":
            let json = try row.decode(column: "text", as: String.self)
            body = .attachment(try JSONDecoder().decode(Attachment.self, from: Data(json.utf8)))
        case "survey":
            let json = try row.decode(column: "text", as: String.self)
            body = .surveyAnswered(try JSONDecoder().decode([SurveyAnswer].self, from: Data(json.utf8)))
        case "message_edited":
            body = .messageEdited(of: try Int(row.decode(column: "state", as: String.self)).unwrap(), text: try row.decode(column: "text", as: String?.self) ?? "")
        case "message_deleted":
            body = .messageDeleted(of: try Int(row.decode(column: "state", as: String.self)).unwrap())
        default: body = .joined
        }
        return ChatEvent(
            chatID: ChatID(try row.decode(column: "chat_id", as: String.self)),
            id: try row.decode(column: "event_id", as: Int.self),
            cursor: EventCursor(try row.decode(column: "cursor", as: Int64.self)),
            author: author,
            body: body,
            clientMessageID: try row.decode(column: "client_message_id", as: String?.self),
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self)),
            quotedEventID: try row.decode(column: "quoted_event_id", as: Int?.self)
        )
    }

    static func agentSession(_ row: any SQLRow) throws -> AgentSession {
        AgentSession(
            id: AgentSessionID(try row.decode(column: "id", as: String.self)),
            agentID: AgentID(try row.decode(column: "agent_id", as: String.self)),
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self)),
            endedAt: try row.decode(column: "ended_at", as: Int64?.self).map(Date.init(millisecondsSince1970:))
        )
    }

    private static func renewal(_ row: any SQLRow) throws -> SessionRenewal? {
        guard let keyHash = try row.decode(column: "renewal_key_hash", as: String?.self),
              let idleExpiresAt = try row.decode(column: "idle_expires_at", as: Int64?.self) else { return nil }
        return SessionRenewal(keyHash: keyHash, idleExpiresAt: Date(millisecondsSince1970: idleExpiresAt))
    }

    static func session(_ row: any SQLRow) throws -> Session {
        let subject: SessionSubject
        if try row.decode(column: "subject_kind", as: String.self) == "agent" {
            subject = .agent(AgentID(try row.decode(column: "agent_id", as: String.self)))
        } else {
            subject = .visitor(VisitorID(try row.decode(column: "visitor_id", as: String.self)))
        }
        return Session(
            id: SessionID(try row.decode(column: "id", as: String.self)),
            subject: subject,
            createdAt: Date(millisecondsSince1970: try row.decode(column: "created_at", as: Int64.self)),
            revokedAt: try row.decode(column: "revoked_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            renewal: try renewal(row)
        )
    }
}

/// The column values of an event author.
extension EventAuthor {
    init(columns kind: String?, id: String?) {
        self = switch (kind, id) {
        case ("visitor", let id?): .visitor(VisitorID(id))
        case ("agent", let id?): .agent(AgentID(id))
        default: .system
        }
    }

    var columns: (kind: String, id: String?) {
        switch self {
        case .visitor: ("visitor", participantID)
        case .agent: ("agent", participantID)
        case .system: ("system", nil)
        }
    }
}

/// The column values of an event body.
extension EventBody {
    private static func json(_ answers: [SurveyAnswer]) -> String {
        // Encoding plain strings cannot fail.
        String(decoding: (try? JSONEncoder().encode(answers)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func json(_ attachment: Attachment) -> String {
        // Encoding plain strings and numbers cannot fail.
        String(decoding: (try? JSONEncoder().encode(attachment)) ?? Data("{}".utf8), as: UTF8.self)
    }

    var columns: (kind: String, text: String?, state: String?, target: String?, targetDepartment: Int64?) {
        switch self {
        case .message(let text): ("message", text, nil, nil, nil)
        case .stateChanged(let state): ("state", nil, state.rawValue, nil, nil)
        case .joined: ("joined", nil, nil, nil, nil)
        case .offered(let agent): ("offered", nil, nil, agent.rawValue, nil)
        case .offerWithdrawn(let agent, let ending): ("offer_withdrawn", nil, ending.rawValue, agent.rawValue, nil)
        case .transferred(.agent(let agent), let note): ("transferred", note, nil, agent.rawValue, nil)
        case .transferred(.department(let department), let note): ("transferred", note, nil, nil, department.rawValue)
        case .notice(let notice): ("notice", nil, notice.rawValue, nil, nil)
        case .surveyAnswered(let answers): ("survey", Self.json(answers), nil, nil, nil)
        case .note(let text): ("note", text, nil, nil, nil)
        case .rated(let rating): ("rating", rating.comment, String(rating.score), nil, nil)
        case .attachment(let attachment): ("attachment", Self.json(attachment), nil, nil, nil)
        // The changed line's id is kept where other events keep their small codes.
        case .messageEdited(let target, let text): ("message_edited", text, String(target), nil, nil)
        case .messageDeleted(let target): ("message_deleted", nil, String(target), nil, nil)
        }
    }
}
