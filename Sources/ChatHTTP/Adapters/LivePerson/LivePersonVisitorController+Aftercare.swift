import ChatCore
import Foundation
import Hummingbird

/// What a visitor does around the chat: its transcript, the exit survey, custom variables.
extension LivePersonVisitorController {
    /// `{"email": "..."}` → 201: the transcript is mailed through the outbox, to the visitor's
    /// own address only, once an agent served the chat (see `TranscriptService`). The subject
    /// of `transcriptWithSubjectRequest` is Parley's own.
    @Sendable func transcriptRequest(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, chat, _) = try await visitorChat(context)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("transcriptRequest")
        try await services.transcripts.send(chat.id, to: body["email"]?.text, as: principal)
        return Response(status: .created)
    }

    @Sendable func exitSurvey(_ request: Request, context: Context) async throws -> Response {
        let (_, chat, _) = try await visitorChat(context)
        return request.livePersonFormat.response(LPExitSurvey.document(chatNumber: chat.number))
    }

    /// `{"survey": {"question": [{"id": "1", "answer": "4"}, {"id": "2", "answer": "..."}]}}`:
    /// the visitor's rating of the chat, which agents see in its log.
    @Sendable func answerExitSurvey(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, chat, _) = try await visitorChat(context)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("survey")
        let questions = (body["questions"]?["question"] ?? body["question"])?.items ?? []
        func answer(_ id: String) -> String? {
            questions.first { $0["id"]?.text == id }.flatMap { $0["answer"]?.items.first?.text }
        }
        guard let rating = answer(LPExitSurvey.ratingQuestion) else {
            throw APIError.invalidField("question", reason: "must answer question \(LPExitSurvey.ratingQuestion), the rating")
        }
        guard let score = Int(rating) else { throw APIError.invalidField("answer", reason: "must rate the chat with a number from 1 to 5") }
        let comment = answer(LPExitSurvey.commentQuestion).flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        _ = try await services.chats.rate(score: score, comment: comment, in: chat.id, as: principal)
        return Response(status: .ok)
    }

    /// `{"customVariables": {"customVariable": [{"name": "...", "value": "..."}]}}`: replaces
    /// the visitor's custom variables, which agents see beside the chat.
    @Sendable func setCustomVariables(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let (principal, _, _) = try await visitorChat(context)
        let body = try await request.livePersonBody(limit: limits.maxBodyBytes).unwrapped("customVariables")
        let variables = try (body["customVariable"]?.items ?? []).map { variable in
            guard let name = variable["name"]?.text else { throw APIError.invalidField("customVariable.name", reason: "is required") }
            return CustomVariable(name: name, value: variable["value"]?.text ?? "")
        }
        guard let visitor = principal.visitorID else { throw ChatError.unauthenticated }
        let updated = try await services.visitors.setCustomVariables(variables, of: visitor, by: principal)
        return request.livePersonFormat.response(.document("customVariables", .fields(["customVariable": .array(
            updated.record.visitor.customVariables.map { .fields(["name": .string($0.name), "value": .string($0.value)]) }
        )])))
    }
}
