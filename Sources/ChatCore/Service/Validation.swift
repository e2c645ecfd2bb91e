import Foundation

/// Field checks shared by every service. Each returns the cleaned value or throws
/// `ChatError.invalidField` naming the field.
enum Validate {
    static func name(_ value: String, field: String = "name", limits: ChatLimits) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ChatError.invalidField(field: field, reason: "must not be empty") }
        guard trimmed.count <= limits.maxNameLength else {
            throw ChatError.invalidField(field: field, reason: "must be at most \(limits.maxNameLength) characters")
        }
        guard !trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw ChatError.invalidField(field: field, reason: "must not contain control characters")
        }
        return trimmed
    }

    /// A pragmatic email check: one "@", a non-empty local part, a dotted domain, no spaces.
    static func email(_ value: String, field: String = "email", limits: ChatLimits) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let valid = trimmed.count <= limits.maxEmailLength
            && parts.count == 2
            && !parts[0].isEmpty
            && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !trimmed.contains(where: { $0.isWhitespace || $0.isNewline })
        guard valid else { throw ChatError.invalidField(field: field, reason: "must be a valid email address") }
        return trimmed
    }

    static func message(_ value: String, field: String, limits: ChatLimits) throws -> String {
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ChatError.invalidField(field: field, reason: "must not be empty")
        }
        guard value.count <= limits.maxMessageLength else {
            throw ChatError.messageTooLong(field: field, limit: limits.maxMessageLength)
        }
        return value
    }

    static func password(_ value: String, limits: ChatLimits) throws -> String {
        guard value.count >= limits.minPasswordLength, value.count <= limits.maxPasswordLength else {
            throw ChatError.invalidField(
                field: "password",
                reason: "must be \(limits.minPasswordLength) to \(limits.maxPasswordLength) characters"
            )
        }
        return value
    }

    static func clientMessageID(_ value: String?, limits: ChatLimits) throws -> String? {
        guard let value else { return nil }
        guard !value.isEmpty, value.count <= limits.maxClientMessageIDLength else {
            throw ChatError.invalidField(
                field: "clientMessageId",
                reason: "must be 1 to \(limits.maxClientMessageIDLength) characters"
            )
        }
        return value
    }

    /// Optional free text from the visitor's connection, cut to the limit rather than refused:
    /// a long user agent must not stop a visitor from chatting.
    static func profileField(_ value: String?, limits: ChatLimits) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return String(value.prefix(limits.maxProfileFieldLength))
    }

    /// An agent survey: 1 to 50 questions with distinct ids of up to 100 characters, each with
    /// 1 to 20 answers of up to 1000 characters.
    static func surveyAnswers(_ answers: [SurveyAnswer], limits: ChatLimits) throws -> [SurveyAnswer] {
        guard (1...50).contains(answers.count) else {
            throw ChatError.invalidField(field: "question", reason: "must hold 1 to 50 questions")
        }
        guard Set(answers.map(\.questionID)).count == answers.count else {
            throw ChatError.invalidField(field: "question", reason: "must not answer the same question twice")
        }
        for answer in answers {
            guard (1...100).contains(answer.questionID.count) else {
                throw ChatError.invalidField(field: "question.id", reason: "must be 1 to 100 characters")
            }
            guard (1...20).contains(answer.answers.count), answer.answers.allSatisfy({ $0.count <= 1000 }) else {
                throw ChatError.invalidField(field: "answer", reason: "must be 1 to 20 answers of at most 1000 characters each")
            }
        }
        return answers
    }

    static func pageSize(_ value: Int, limits: ChatLimits) throws -> Int {
        guard value >= 1, value <= limits.maxPageSize else {
            throw ChatError.invalidField(field: "limit", reason: "must be between 1 and \(limits.maxPageSize)")
        }
        return value
    }
}
