import Foundation

extension Validate {
    /// An agent survey: questions with distinct ids, each with at least one answer, every
    /// text within its limits in characters and bytes.
    static func surveyAnswers(_ answers: [SurveyAnswer], limits: ChatLimits) throws -> [SurveyAnswer] {
        guard (1...limits.maxSurveyQuestions).contains(answers.count) else {
            throw ChatError.invalidField(field: .surveyQuestions, reason: "must hold 1 to \(limits.maxSurveyQuestions) questions")
        }
        guard Set(answers.map(\.questionID)).count == answers.count else {
            throw ChatError.invalidField(field: .surveyQuestions, reason: "must not answer the same question twice")
        }
        for answer in answers {
            let id = answer.questionID
            guard !id.isEmpty, id.fits(characters: limits.maxSurveyQuestionIDLength, bytes: limits.maxSurveyQuestionIDBytes),
                  !id.unicodeScalars.contains(where: \.isControlCode) else {
                throw ChatError.invalidField(
                    field: .surveyQuestionID,
                    reason: "must be 1 to \(limits.maxSurveyQuestionIDLength) characters and \(limits.maxSurveyQuestionIDBytes) bytes, without controls"
                )
            }
            guard (1...limits.maxSurveyAnswersPerQuestion).contains(answer.answers.count),
                  answer.answers.allSatisfy({ $0.fits(characters: limits.maxSurveyAnswerLength, bytes: limits.maxSurveyAnswerBytes) }) else {
                throw ChatError.invalidField(
                    field: .surveyAnswer,
                    reason: "must be 1 to \(limits.maxSurveyAnswersPerQuestion) answers of at most \(limits.maxSurveyAnswerLength) characters and \(limits.maxSurveyAnswerBytes) bytes each"
                )
            }
            for text in answer.answers {
                try refuseNull(text, field: .surveyAnswer)
            }
        }
        return answers
    }
}
