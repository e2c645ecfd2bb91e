import ChatCore
import Foundation
import Hummingbird

/// Requesting a chat, and finding it again from the key in its URI.
extension LivePersonVisitorController {
    /// `{"request": {"skill", "preChatLines": {"line": [...]}, "visitorIp", "chatReferrer",
    /// "userAgent", "maxWaitTime", "survey": {"question": [{"id", "answer"}]}}}` → 201, with the
    /// chat's URI in `Location`. The pre-chat lines are the visitor's first line; the survey's
    /// `name` and `email` answers are the visitor's, its other answers the pre-chat form's.
    @Sendable func requestChat(_ request: Request, context: Context) async throws -> Response {
        var request = request
        try chatStarts.check(context.rateLimitKey)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("request")
        guard let skill = body["skill"]?.text, !skill.isEmpty else { throw APIError.invalidField("skill", reason: "is required") }
        guard let department = try await department(named: skill) else { throw APIError.invalidField("skill", reason: "names no skill") }
        if let wait = body["maxWaitTime"] {
            guard let seconds = wait.text.flatMap({ Int($0) }), (0...86_400).contains(seconds) else {
                throw APIError.invalidField("maxWaitTime", reason: "must be 0 to 86400 seconds")
            }
        }
        let lines = try Self.texts(body["preChatLines"].map { $0["line"] ?? $0 }, field: "preChatLines")
        let answers = try Self.surveyAnswers(body["survey"])
        let started = try await services.chats.startChat(StartChatRequest(
            departmentID: department.id,
            name: answers.first { $0.name == "name" }?.value ?? "Visitor",
            email: answers.first { $0.name == "email" }?.value,
            message: lines.isEmpty ? nil : lines.joined(separator: "\n"),
            formFields: answers.isEmpty ? nil : answers.filter { $0.name != "name" && $0.name != "email" },
            requiresContact: false,
            profile: VisitorProfile(
                userAgent: body["userAgent"]?.text ?? request.headers[.userAgent],
                ipAddress: visitorAddress(body["visitorIp"]?.text, context: context),
                language: request.headers[.acceptLanguage],
                sourceURL: body["chatReferrer"]?.text
            )
        ), captcha: nil)
        // A chat started without a visitor's own token always opens a new visitor's session.
        guard let credentials = started.credentials else { throw ChatError.unauthenticated }
        let href = chatURI(request, key: keys.key(for: started.chat.id, session: credentials.session))
        return request.livePersonFormat.response(LPLinks.location("chatLocation", href), status: .created, headers: [.location: href])
    }

    /// The visitor's address: the one a site's server names (`visitorIp`) only when the server
    /// proved itself with the configured app key; else the connection's, so that nobody
    /// dodges a ban by naming another address.
    private func visitorAddress(_ named: String?, context: Context) -> String? {
        guard settings.appKey != nil, let named, IPAddressText.address(named) != nil else { return context.clientAddress }
        return named
    }

    /// A list of texts: `["a", "b"]`, `"a"`, or XML's repeated elements.
    static func texts(_ node: LPNode?, field: String) throws -> [String] {
        try (node?.items ?? []).map { item in
            guard let text = item.text else { throw APIError.invalidField(field, reason: "must list texts") }
            return text
        }.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// The pre-chat survey's answers, by question id.
    static func surveyAnswers(_ survey: LPNode?) throws -> [CustomVariable] {
        guard let survey = survey?.unwrapped("survey") else { return [] }
        return try (survey["question"]?.items ?? []).map { question in
            guard let id = question["id"]?.text, !id.isEmpty else { throw APIError.invalidField("survey.question.id", reason: "is required") }
            return CustomVariable(name: id, value: (question["answer"]?.items ?? []).compactMap(\.text).joined(separator: ", "))
        }
    }

    // MARK: The chat a URI names

    /// The visitor and chat a chat key names: 404 for a key this server did not sign, a
    /// session that was revoked, or a chat the visitor may not see, as for an unknown chat.
    func visitorChat(_ context: Context) async throws -> (Principal, Chat, key: String) {
        let key = try context.parameters.required("chatKey")
        guard let opened = keys.open(key) else { throw ChatError.chatNotFound(ChatID(String(key.prefix(12)))) }
        let (chatID, session) = opened
        let principal: Principal
        do {
            principal = try await services.auth.visitorPrincipal(ofSession: session)
        } catch ChatError.unauthenticated {
            throw ChatError.chatNotFound(chatID)
        }
        return (principal, try await services.chats.chat(chatID, for: principal), key)
    }

    /// `{base}/api/account/{accountId}/chat/{key}`: on the public URL when one is configured, else on the request's host.
    func chatURI(_ request: Request, key: String) -> String {
        let base = settings.publicURL ?? "http://\(Self.host(request) ?? settings.listeningAddress)"
        return "\(base)/api/account/\(settings.accountID)/chat/\(key)"
    }

    private static func host(_ request: Request) -> String? {
        guard let host = request.head.authority, !host.isEmpty, host.count <= 255,
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }) else { return nil }
        return host
    }
}
