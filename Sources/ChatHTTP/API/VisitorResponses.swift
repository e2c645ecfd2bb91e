import ChatCore
import Foundation
import Hummingbird
import VisitorInsight

/// A visitor as agents follow it on the native API: who, where it stands, what it did.
struct VisitorOverviewResponse: ResponseCodable {
    let id: String
    let name: String
    let email: String
    /// One of Comm100's visitor statuses (`inSite`, `chatting`, ...), derived.
    let status: String
    let visits: Int
    let pageViews: Int
    let chats: Int
    let firstVisitAt: String
    let visitStartedAt: String
    let lastSeenAt: String
    let landingPage: String?
    let referrer: String?
    let searchEngine: String?
    let searchKeywords: String?
    let currentPage: PageResponse?
    let screenResolution: String?
    /// The IANA name the browser reported, and its offset now ("GMT +08:00").
    let timeZone: String?
    let timeZoneOffset: String?
    let customVariables: [PairResponse]
    /// The pre-chat form's other answers.
    let fields: [PairResponse]
    let currentChatId: String?
    let invitation: InvitationResponse?
    let userAgent: String?
    let ipAddress: String?
    let language: String?
    let device: VisitorResponse.DeviceResponse?
    let location: VisitorResponse.LocationResponse?

    struct PageResponse: ResponseCodable {
        let url: String
        let title: String
        let viewedAt: String
    }

    struct PairResponse: ResponseCodable {
        let name: String
        let value: String
        let url: String
    }

    struct InvitationResponse: ResponseCodable {
        /// `manual` or `auto`.
        let kind: String
        /// `pending`, `accepted` or `declined`.
        let answer: String
        let at: String
        let agentId: String?
    }

    init(_ overview: VisitorOverview, now: Date = Date()) {
        let visitor = overview.record.visitor
        let activity = overview.record.activity
        let basics = VisitorResponse(overview.details)
        id = visitor.id.rawValue
        name = visitor.name
        email = visitor.email
        status = overview.status.rawValue
        visits = activity.visits
        pageViews = activity.pageViews
        chats = activity.chats
        firstVisitAt = activity.firstVisitAt.iso8601
        visitStartedAt = activity.visitStartedAt.iso8601
        lastSeenAt = activity.lastSeenAt.iso8601
        landingPage = activity.landingPage
        referrer = activity.referrer
        let search = activity.referrer.flatMap(SearchReferral.parse)
        searchEngine = search?.engine
        searchKeywords = search?.keywords
        currentPage = activity.currentPage.map { PageResponse(url: $0.url, title: $0.title, viewedAt: $0.viewedAt.iso8601) }
        screenResolution = visitor.profile.screenResolution
        timeZone = visitor.profile.timeZone
        timeZoneOffset = visitor.profile.timeZone.flatMap { TimeZoneLabel.label(for: $0, at: now) }
        customVariables = visitor.customVariables.map(PairResponse.init)
        fields = visitor.formFields.map(PairResponse.init)
        currentChatId = overview.record.currentChat?.id.rawValue
        invitation = activity.invitation.map {
            InvitationResponse(kind: $0.kind.rawValue, answer: $0.answer.rawValue, at: $0.at.iso8601, agentId: $0.by?.rawValue)
        }
        userAgent = basics.userAgent
        ipAddress = basics.ipAddress
        language = basics.language
        device = basics.device
        location = basics.location
    }
}

extension VisitorOverviewResponse.PairResponse {
    init(_ pair: CustomVariable) {
        self.init(name: pair.name, value: pair.value, url: pair.url)
    }
}

/// A name, value and URL as clients send them: value and URL may be left out.
struct PairRequest: Decodable {
    let name: String
    let value: String?
    let url: String?

    var variable: CustomVariable {
        CustomVariable(name: name, value: value ?? "", url: url ?? "")
    }
}
