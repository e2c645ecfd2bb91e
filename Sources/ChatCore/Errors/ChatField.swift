/// A field of a request to the core, named by what it means. Each face spells it as its
/// own wire does, in one place, so the core never chooses a wire name.
public enum ChatField: Hashable, Sendable {
    /// A person's or a department's name.
    case name
    /// The name of a custom away status.
    case awayStatusName
    case email
    /// A password to set.
    case password
    /// The caller's current password, asked before changing it.
    case currentPassword
    /// The visitor's first message, sent when starting a chat.
    case firstMessage
    /// The text of a message in a chat.
    case messageText
    /// The text of a note agents write in a chat.
    case noteText
    /// The note that goes with a transfer.
    case transferNote
    /// The agent a chat is transferred to.
    case transferAgent
    /// The caller's id for a message, which makes a retry safe.
    case clientMessageID
    /// A client instance's own name for itself, sent with a refresh token.
    case refreshSecret
    /// The line a message quotes.
    case quotedMessage
    /// How many items a page holds.
    case pageSize
    /// The questions of an agent survey, as a whole.
    case surveyQuestions
    /// The id of one survey question.
    case surveyQuestionID
    /// The answers to one survey question.
    case surveyAnswer
    /// The reason an agent is away.
    case awayReason
    /// How many chats one agent may serve.
    case maxChats
    /// The default of how many chats an agent may serve.
    case maxChatsPerAgent
    /// A visitor's custom variables, as a whole.
    case customVariables
    /// The pre-chat form's other answers, as a whole.
    case formFields
    /// The address of the page a visitor views.
    case pageURL
    /// A status filter of a visitor listing.
    case visitorStatus
    /// The page pattern of an auto-invitation rule.
    case urlPattern
    /// How long a visitor stays on a page before a rule invites it.
    case secondsOnPage
    /// The visitor a ban names.
    case banVisitor
    /// The address range a ban names.
    case banAddresses
    /// Why an admin bans.
    case banReason
    /// A channel contact's id in its flow engine.
    case contactID
    /// A channel contact's address on its channel (`facebook:123456`).
    case contactURN
    /// The flow engine's store id of a channel contact.
    case contactMongoID
    /// The department a channel contact is registered in, by name or id.
    case department
    /// The flow engine's results, passed on as the visitor's form answers.
    case flowResults
    /// The recent exchanges between a bot and the contact, shown to agents as context.
    case recentConversation
    /// The address a webhook endpoint is sent to.
    case webhookURL
    /// The event types a webhook endpoint is sent.
    case webhookEvents
    /// How many items a list holds at most.
    case listLimit
    /// The business calendar a department follows (`project/cc`).
    case calendar
    /// A key of a business calendar, spelled as calendar files spell it (`days.workingDays[0].start_time`).
    case calendarEntry(String)
    /// A canned response's shortcut (`/refund`, typed without the slash).
    case shortcut
    /// A canned response's title.
    case cannedTitle
    /// A canned response's text.
    case cannedText
    /// The department something belongs to, by id.
    case departmentID
    /// The pre-chat form's field definitions, as a whole.
    case prechatFields
    /// One part (`key`, `label`, `type`, `options`...) of the pre-chat field definition at `index`.
    case prechatField(index: Int, part: String)
    /// The visitor's answer to the pre-chat form field with this key.
    case prechatAnswer(key: String)
    /// The text searched for in past chats.
    case searchText
    /// A visitor's rating of its chat, 1 to 5.
    case ratingScore
    /// The comment that goes with a rating.
    case ratingComment
    /// The address a chat's transcript is mailed to.
    case transcriptEmail
}
