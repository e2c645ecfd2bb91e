import ChatCore
import Foundation
import Hummingbird

/// LivePerson's legacy Chat REST API, visitor side, under `/api/account/{accountId}/chat`: a
/// site's own chat window asks whether a skill answers, requests a chat, and then works on it
/// through the URI the request answered (`.../chat/{chat key}`, see `LPChatKeys`). JSON by
/// default, XML for `Accept: application/xml`.
struct LivePersonVisitorController {
    typealias Context = ParleyRequestContext

    let services: Services
    let settings: Settings
    let limits: HTTPLimits
    let chatStarts: RateLimiter
    let keys: LPChatKeys
    /// The most events one chat's answer carries; the `next` link continues from there.
    let eventsPerAnswer = 100

    func addRoutes(to router: Router<Context>) {
        let account = router.group("api/account/:accountId")
            .add(middleware: ErrorMiddleware(naming: LPError.fieldName, render: LPError.render))
            .add(middleware: LPAccountMiddleware(accountID: settings.accountID))
            .add(middleware: LPAppKeyMiddleware(appKey: settings.appKey))
        account.get("chat/availability", use: availability)
        account.get("chat/estimatedWaitTime", use: estimatedWaitTime)
        account.post("chat/request", use: requestChat)
        let chat = account.group("chat/:chatKey")
        chat.get(use: self.chat)
        chat.get("events", use: events)
        chat.post("events", use: addEvent)
        chat.get("events/:eventId", use: event)
        chat.get("info", use: info)
        chat.get("info/visitorName", use: visitorName)
        chat.putOrOverride("info/visitorName", setVisitorName)
        chat.get("info/visitorTyping", use: visitorTyping)
        chat.putOrOverride("info/visitorTyping", setVisitorTyping)
        chat.get("info/agentTyping", use: agentTyping)
        chat.post("transcriptRequest", use: transcriptRequest)
        chat.post("transcriptWithSubjectRequest", use: transcriptRequest)
        chat.get("exitSurvey", use: exitSurvey)
        chat.putOrOverride("exitSurvey", answerExitSurvey)
        chat.put("customVariables", use: setCustomVariables)
        chat.post("customVariables", use: setCustomVariables)
    }


    // MARK: Before a chat

    /// `?skill=` (a skill's id or name): `{"availability": true}` when the skill (or, without
    /// one, any skill) has an agent online and is open by its business hours.
    @Sendable func availability(_ request: Request, context: Context) async throws -> Response {
        _ = try Self.maxWaitTime(request)
        let answering = try await services.directory.answeringDepartments()
        let available: Bool
        if let skill = request.uri.queryParameters["skill"].map(String.init) {
            available = try await department(named: skill).map { answering.contains($0.id) } ?? false
        } else {
            available = !answering.isEmpty
        }
        return request.livePersonFormat.response(.document("availability", .boolean(available)))
    }

    /// `?skill=`: `{"estimatedWaitTime": seconds}` before a chat in the skill (without one, the
    /// shortest among the skills that answer) starts: 0 when an agent takes it at once, -1 when
    /// the skill does not answer now, -2 when people wait and no past chats tell how long.
    @Sendable func estimatedWaitTime(_ request: Request, context: Context) async throws -> Response {
        let answering = try await services.directory.answeringDepartments()
        let skills: [DepartmentID]
        if let skill = request.uri.queryParameters["skill"].map(String.init) {
            skills = try await department(named: skill).map { [$0.id] }?.filter(answering.contains) ?? []
        } else {
            skills = answering.sorted()
        }
        var seconds: Int64 = skills.isEmpty ? -1 : -2
        for skill in skills {
            switch try await services.routing.expectedWait(in: skill) {
            case .immediate: seconds = 0
            case .seconds(let wait): seconds = seconds < 0 ? Int64(wait.rounded()) : min(seconds, Int64(wait.rounded()))
            case .unknown: break
            }
        }
        return request.livePersonFormat.response(.document("estimatedWaitTime", .number(seconds)))
    }

    /// A skill named by its id or, as LivePerson's skills are named, by its name (any case).
    func department(named skill: String) async throws -> Department? {
        let departments = try await services.directory.departments()
        if let id = Int64(skill), let match = departments.first(where: { $0.id.rawValue == id }) { return match }
        return departments.first { $0.name.caseInsensitiveCompare(skill) == .orderedSame }
    }

    /// LivePerson's `maxWaitTime`, when given: 0 to 86,400 seconds.
    static func maxWaitTime(_ request: Request) throws -> Int? {
        guard let value = try request.queryInteger("maxWaitTime") else { return nil }
        guard (0...86_400).contains(value) else { throw APIError.badRequest("Query parameter 'maxWaitTime' must be 0 to 86400 seconds.") }
        return value
    }
}
