import ChatCore
import Foundation
import Hummingbird

/// The native API's JSON shapes. Wire types belong to this face alone.

extension Date {
    /// ISO 8601 with milliseconds, in UTC.
    var iso8601: String {
        formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

struct DepartmentResponse: ResponseCodable {
    let id: Int64
    let name: String
    let routingMode: String
    let maxChatsPerAgent: Int?
    let createdAt: String
    /// The business calendar it follows, `project/cc`; absent when it answers at any time.
    let calendar: String?
    let isOpen: Bool
    /// What visitors read while it is closed; absent while open.
    let closedMessage: String?
    /// Whether an agent of it is online; in the list only.
    let agentsOnline: Bool?

    init(_ department: Department, hours: BusinessHoursService, agentsOnline: Bool? = nil) {
        self.agentsOnline = agentsOnline
        id = department.id.rawValue
        name = department.name
        routingMode = department.routingMode.rawValue
        maxChatsPerAgent = department.maxChatsPerAgent
        createdAt = department.createdAt.iso8601
        calendar = department.calendar?.description
        closedMessage = hours.closedMessage(of: department)
        isOpen = closedMessage == nil
    }
}

struct AgentResponse: ResponseCodable {
    let id: String
    let email: String
    let name: String
    let isAdmin: Bool
    let departmentIds: [Int64]
    let createdAt: String
    /// online, away or offline.
    let status: String
    /// The custom away status, when away for one.
    let awayReason: String?
    let maxChats: Int?
    /// Active chats plus pending offers; present in listings and single-agent reads.
    let ongoingChats: Int?

    init(_ agent: Agent, ongoingChats: Int? = nil) {
        id = agent.id.rawValue
        email = agent.email
        name = agent.name
        isAdmin = agent.isAdmin
        departmentIds = agent.departmentIDs.map(\.rawValue)
        createdAt = agent.createdAt.iso8601
        status = agent.status.availability.rawValue
        awayReason = agent.status.awayReason
        maxChats = agent.maxChats
        self.ongoingChats = ongoingChats
    }
}

struct VisitorResponse: ResponseCodable {
    let id: String
    let name: String
    let email: String
    let userAgent: String?
    let ipAddress: String?
    let language: String?
    let sourceUrl: String?
    let createdAt: String
    /// Derived from the user agent and the address, when the server has the data sets.
    let device: DeviceResponse?
    let location: LocationResponse?

    struct DeviceResponse: ResponseCodable {
        let browser: String?
        let browserMajorVersion: String?
        let platform: String?
        let platformVersion: String?
        let type: String?
    }

    struct LocationResponse: ResponseCodable {
        let countryCode: String
        let country: String
        let continent: String?
        let flag: String
    }

    init(_ details: VisitorDetails) {
        self.init(details.visitor, device: details.device, geo: details.geo)
    }

    init(_ visitor: Visitor, device: DeviceInfo? = nil, geo: GeoInfo? = nil) {
        id = visitor.id.rawValue
        name = visitor.name
        email = visitor.email
        userAgent = visitor.profile.userAgent
        ipAddress = visitor.profile.ipAddress
        language = visitor.profile.language
        sourceUrl = visitor.profile.sourceURL
        createdAt = visitor.createdAt.iso8601
        self.device = device.flatMap { $0 == DeviceInfo() ? nil : $0 }.map {
            DeviceResponse(browser: $0.browser, browserMajorVersion: $0.browserMajorVersion, platform: $0.platform,
                           platformVersion: $0.platformVersion, type: $0.deviceType?.rawValue)
        }
        location = geo.map { LocationResponse(countryCode: $0.countryCode, country: $0.country, continent: $0.continent, flag: $0.flag) }
    }
}

struct ChatResponse: ResponseCodable {
    let id: String
    let number: Int64
    let departmentId: Int64
    let visitorId: String
    let state: String
    let agentId: String?
    /// The serving agent's display name, on single-chat reads.
    let agentName: String?
    /// The agent a queued chat is offered to.
    let offeredTo: String?
    /// A queued chat's place in line, on single-chat reads.
    let queue: QueueResponse?
    /// The id of the chat's newest event.
    let lastEventId: Int
    let createdAt: String
    let updatedAt: String
    let visitor: VisitorResponse?

    struct QueueResponse: ResponseCodable {
        let position: Int
        let estimatedWaitSeconds: Int?
    }

    /// `showOffer` is false for visitors: whom their chat is offered to is the agents' business.
    init(
        _ chat: Chat, visitor: VisitorDetails? = nil, standing: QueueStanding? = nil, showOffer: Bool = true, agentName: String? = nil
    ) {
        self.agentName = agentName
        id = chat.id.rawValue
        number = chat.number
        departmentId = chat.departmentID.rawValue
        visitorId = chat.visitorID.rawValue
        state = chat.state.rawValue
        agentId = chat.agentID?.rawValue
        offeredTo = showOffer ? chat.offer?.agentID.rawValue : nil
        queue = standing.map { QueueResponse(position: $0.position, estimatedWaitSeconds: $0.estimatedWait.map { Int($0.rounded()) }) }
        lastEventId = chat.nextEventID - 1
        createdAt = chat.createdAt.iso8601
        updatedAt = chat.updatedAt.iso8601
        self.visitor = visitor.map(VisitorResponse.init)
    }
}

struct AuthorResponse: ResponseCodable {
    let type: String
    let id: String?

    init(_ author: EventAuthor) {
        type = switch author {
        case .visitor: "visitor"
        case .agent: "agent"
        case .system: "system"
        }
        id = author.participantID
    }
}

struct EventResponse: ResponseCodable {
    let cursor: Int64
    let chatId: String
    let id: Int
    let type: String
    let author: AuthorResponse
    let text: String?
    let state: String?
    /// The agent an offer was made to or withdrawn from, or a chat transferred to.
    let agentId: String?
    /// The department a chat was transferred to.
    let departmentId: Int64?
    /// Why an `offer_withdrawn` event's offer ended.
    var reason: String?
    /// Which system notice a `notice` event is; `text` words it.
    var notice: String?
    /// The answers of a `survey` event.
    var answers: [SurveyAnswerResponse]?
    /// A `rating` event's score, 1 to 5, and its comment, if any.
    var score: Int?
    var comment: String?
    /// The file of an `attachment` event; its bytes are at `GET /v1/attachments/{id}`.
    var attachment: AttachmentResponse?
    /// The message a `message_edited` or `message_deleted` event changes.
    var messageId: Int?
    /// A message read back after its author edited (`edited`) or deleted (`deleted`) it; its
    /// `text` is the latest, or empty once deleted.
    var amendment: String?
    var amendedAt: String?
    /// The line or file of the chat a `message` quotes.
    let quotedEventId: Int?
    let clientMessageId: String?
    let createdAt: String

    init(_ event: ChatEvent) {
        cursor = event.cursor.rawValue
        chatId = event.chatID.rawValue
        id = event.id
        author = AuthorResponse(event.author)
        clientMessageId = event.clientMessageID
        quotedEventId = event.quotedEventID
        createdAt = event.createdAt.iso8601
        switch event.body {
        case .message(let text): (type, self.text, state, agentId, departmentId) = ("message", text, nil, nil, nil)
        case .stateChanged(let state): (type, text, self.state, agentId, departmentId) = ("state", nil, state.rawValue, nil, nil)
        case .joined: (type, text, state, agentId, departmentId) = ("joined", nil, nil, nil, nil)
        case .offered(let agent): (type, text, state, agentId, departmentId) = ("offered", nil, nil, agent.rawValue, nil)
        case .offerWithdrawn(let agent, let ending):
            (type, text, state, agentId, departmentId) = ("offer_withdrawn", nil, nil, agent.rawValue, nil)
            reason = ending.rawValue
        case .transferred(.agent(let agent), let note):
            (type, text, state, agentId, departmentId) = ("transferred", note, nil, agent.rawValue, nil)
        case .transferred(.department(let department), let note):
            (type, text, state, agentId, departmentId) = ("transferred", note, nil, nil, department.rawValue)
        case .notice(let notice):
            (type, text, state, agentId, departmentId) = ("notice", notice.text, nil, nil, nil)
            self.notice = notice.rawValue
        case .note(let text):
            (type, self.text, state, agentId, departmentId) = ("note", text, nil, nil, nil)
        case .surveyAnswered(let answers):
            (type, text, state, agentId, departmentId) = ("survey", nil, nil, nil, nil)
            self.answers = answers.map { SurveyAnswerResponse(questionId: $0.questionID, answers: $0.answers) }
        case .rated(let rating):
            (type, text, state, agentId, departmentId) = ("rating", nil, nil, nil, nil)
            (score, comment) = (rating.score, rating.comment)
        case .attachment(let attachment):
            (type, text, state, agentId, departmentId) = ("attachment", nil, nil, nil, nil)
            self.attachment = AttachmentResponse(
                id: attachment.id.rawValue, name: attachment.name, contentType: attachment.contentType, size: attachment.size
            )
        case .messageEdited(let target, let text):
            (type, self.text, state, agentId, departmentId) = ("message_edited", text, nil, nil, nil)
            messageId = target
        case .messageDeleted(let target):
            (type, text, state, agentId, departmentId) = ("message_deleted", nil, nil, nil, nil)
            messageId = target
        }
        switch event.amendment {
        case .edited(let date): (amendment, amendedAt) = ("edited", date.iso8601)
        case .deleted(let date): (amendment, amendedAt) = ("deleted", date.iso8601)
        case nil: break
        }
    }
}

struct AttachmentResponse: ResponseCodable {
    let id: String
    let name: String
    let contentType: String
    let size: Int
}

struct SurveyAnswerResponse: ResponseCodable {
    let questionId: String
    let answers: [String]
}

struct TypingResponse: ResponseCodable {
    let chatId: String
    let author: AuthorResponse
    let typing: Bool
    let at: String
    /// When a `typing: true` notice lapses unless the typist sends another.
    let expiresAt: String?

    init(_ notice: TypingNotice) {
        chatId = notice.chat.chatID.rawValue
        author = AuthorResponse(notice.author)
        typing = notice.isTyping
        at = notice.at.iso8601
        expiresAt = notice.expiresAt?.iso8601
    }
}

struct PresenceResponse: ResponseCodable {
    let agentId: String
    let status: String
    let awayReason: String?
    let at: String

    init(_ notice: PresenceNotice) {
        agentId = notice.agentID.rawValue
        status = notice.status.availability.rawValue
        awayReason = notice.status.awayReason
        at = notice.at.iso8601
    }
}

struct CredentialsResponse: ResponseCodable {
    let accessToken: String
    let refreshToken: String
    let tokenType: String
    let expiresIn: Int
    let expiresAt: String

    init(_ credentials: IssuedCredentials, now: Date = Date()) {
        accessToken = credentials.accessToken
        refreshToken = credentials.refreshToken
        tokenType = "Bearer"
        expiresIn = max(0, Int(credentials.accessTokenExpiresAt.timeIntervalSince(now).rounded()))
        expiresAt = credentials.accessTokenExpiresAt.iso8601
    }
}

struct ListResponse<Item: ResponseCodable>: ResponseCodable {
    let items: [Item]
}

extension ResponseEncodable {
    /// This body with 201 Created.
    var created: EditedResponse<Self> {
        EditedResponse(status: .created, response: self)
    }
}
