import ChatCore

extension ChatField {
    /// The field as the native API spells it in requests (and in the `field` of its errors).
    var nativeName: String {
        switch self {
        case .name, .awayStatusName: "name"
        case .email: "email"
        case .password: "password"
        case .currentPassword: "currentPassword"
        case .firstMessage: "message"
        case .messageText, .noteText: "text"
        case .transferNote: "note"
        case .transferAgent: "agentId"
        case .clientMessageID: "clientMessageId"
        case .pageSize: "limit"
        case .surveyQuestions: "question"
        case .surveyQuestionID: "question.id"
        case .surveyAnswer: "answer"
        case .awayReason: "awayReason"
        case .maxChats: "maxChats"
        case .maxChatsPerAgent: "maxChatsPerAgent"
        case .customVariables: "customVariables"
        case .formFields: "fields"
        case .pageURL: "url"
        case .visitorStatus: "status"
        case .urlPattern: "urlPattern"
        case .secondsOnPage: "secondsOnPage"
        case .banVisitor: "visitorId"
        case .banAddresses: "addresses"
        case .banReason: "reason"
        case .contactID: "contact.uuid"
        case .contactURN: "contact.urn"
        case .contactMongoID: "contact.mongoid"
        case .department: "department"
        case .flowResults: "results"
        case .recentConversation: "recent_conversation"
        case .webhookURL: "url"
        case .webhookEvents: "events"
        case .listLimit: "limit"
        case .calendar: "calendar"
        case .calendarEntry(let key): key
        case .ratingScore: "score"
        case .ratingComment: "comment"
        case .transcriptEmail: "email"
        }
    }
}
