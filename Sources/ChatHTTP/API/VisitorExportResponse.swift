import ChatCore
import Foundation
import Hummingbird

/// Everything stored about one visitor, as `GET /v1/visitors/{id}/export` hands it over.
struct VisitorExportResponse: ResponseCodable {
    let exportedAt: String
    let visitor: ExportedVisitor
    let visits: [VisitResponse]
    let pageViews: [PageViewResponse]
    let chats: [TranscriptResponse]
    let sessions: [SessionResponse]

    /// The visitor's row: what it told, what its browser told, what the page set.
    struct ExportedVisitor: ResponseCodable {
        let id: String
        let name: String
        let email: String
        let createdAt: String
        let firstVisitAt: String
        let lastSeenAt: String
        let preChatAt: String?
        let userAgent: String?
        let ipAddress: String?
        let language: String?
        let sourceUrl: String?
        let screenResolution: String?
        let timeZone: String?
        let customVariables: [VisitorOverviewResponse.PairResponse]
        let fields: [VisitorOverviewResponse.PairResponse]
        let invitation: VisitorOverviewResponse.InvitationResponse?
    }

    struct VisitResponse: ResponseCodable {
        let number: Int
        let startedAt: String
        let landingPage: String?
        let referrer: String?
    }

    struct PageViewResponse: ResponseCodable {
        let visit: Int
        let url: String
        let title: String
        let referrer: String
        let viewedAt: String
    }

    struct TranscriptResponse: ResponseCodable {
        let chat: ChatResponse
        /// Who ended the chat, once ended.
        let endedBy: String?
        let events: [EventResponse]
    }

    /// A login session: when it opened and, if so, when it was revoked. Never a token.
    struct SessionResponse: ResponseCodable {
        let id: String
        let createdAt: String
        let revokedAt: String?
    }

    init(_ export: VisitorExport, at date: Date) {
        let visitor = export.record.visitor
        let activity = export.record.activity
        exportedAt = date.iso8601
        self.visitor = ExportedVisitor(
            id: visitor.id.rawValue, name: visitor.name, email: visitor.email, createdAt: visitor.createdAt.iso8601,
            firstVisitAt: activity.firstVisitAt.iso8601, lastSeenAt: activity.lastSeenAt.iso8601, preChatAt: activity.preChatAt?.iso8601,
            userAgent: visitor.profile.userAgent, ipAddress: visitor.profile.ipAddress, language: visitor.profile.language,
            sourceUrl: visitor.profile.sourceURL, screenResolution: visitor.profile.screenResolution, timeZone: visitor.profile.timeZone,
            customVariables: visitor.customVariables.map(VisitorOverviewResponse.PairResponse.init),
            fields: visitor.formFields.map(VisitorOverviewResponse.PairResponse.init),
            invitation: activity.invitation.map {
                .init(kind: $0.kind.rawValue, answer: $0.answer.rawValue, at: $0.at.iso8601, agentId: $0.by?.rawValue)
            }
        )
        visits = export.visits.map {
            VisitResponse(number: $0.number, startedAt: $0.startedAt.iso8601, landingPage: $0.landingPage, referrer: $0.referrer)
        }
        pageViews = export.pageViews.map {
            PageViewResponse(visit: $0.visit, url: $0.view.url, title: $0.view.title, referrer: $0.view.referrer, viewedAt: $0.view.viewedAt.iso8601)
        }
        chats = export.chats.map {
            TranscriptResponse(chat: ChatResponse($0.chat), endedBy: $0.chat.endedBy?.rawValue, events: $0.events.map(EventResponse.init))
        }
        sessions = export.sessions.map { SessionResponse(id: $0.id.rawValue, createdAt: $0.createdAt.iso8601, revokedAt: $0.revokedAt?.iso8601) }
    }
}
