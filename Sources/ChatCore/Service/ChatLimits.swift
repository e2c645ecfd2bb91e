import Foundation

/// Limits on what callers may store and how fast they may write. Every text has a limit in
/// characters (what a person counts) and one in UTF-8 bytes (what storage, memory and the wire
/// pay: one character can be many bytes). Every one is configurable.
public struct ChatLimits: Sendable, Equatable {
    public var maxMessageLength = 4000
    public var maxMessageBytes = 16_000
    public var maxNameLength = 100
    public var maxNameBytes = 400
    public var maxEmailLength = 254
    /// An address is at most 254 octets (RFC 5321).
    public var maxEmailBytes = 254
    public var minPasswordLength = 8
    /// bcrypt reads the first 72 bytes of a password and ignores the rest, so a longer one
    /// would only seem to count.
    public var maxPasswordBytes = 72
    public var maxClientMessageIDLength = 100
    public var maxClientMessageIDBytes = 400
    /// Profile fields (user agent, language, source URL) are cut to these, not refused.
    public var maxProfileFieldLength = 2048
    public var maxProfileFieldBytes = 4096
    /// Custom variables (or pre-chat form fields) one visitor may hold, and the size of each
    /// value; names follow the name limits, URLs the profile-field limits.
    public var maxCustomVariables = 50
    public var maxCustomValueLength = 1000
    public var maxCustomValueBytes = 4000
    public var maxAwayStatusLength = 50
    public var maxAwayStatusBytes = 200
    public var maxSurveyQuestions = 50
    public var maxSurveyQuestionIDLength = 100
    public var maxSurveyQuestionIDBytes = 400
    public var maxSurveyAnswersPerQuestion = 20
    public var maxSurveyAnswerLength = 1000
    public var maxSurveyAnswerBytes = 4000
    /// The most events one history page or sync answer may hold.
    public var maxPageSize = 500
    /// The most events one chat may hold. A full chat refuses new lines, notes and surveys;
    /// closing, transferring and the system's own events still go through.
    public var maxChatEvents = 10_000
    /// Messages (lines, notes, surveys) one session may send: a sustained rate and a burst.
    public var messagesPerMinute = 60
    public var messageBurst = 20
    /// Typing notices one session may send: a sustained rate and a burst. A notice that
    /// repeats the author's last state in the chat within a second is not published and
    /// not counted.
    public var typingPerMinute = 120
    public var typingBurst = 20
    /// A waiting or active chat whose visitor has neither written nor been connected for
    /// this long is ended.
    public var visitorInactivityTimeout: Duration = .seconds(10 * 60)
    /// The largest file one attachment may hold, in bytes.
    public var maxAttachmentBytes = 10 * 1024 * 1024
    /// The content types attachments may have, as the server decides them from the bytes.
    public var attachmentTypes = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"]
    /// How long a "typing" notice lasts unless the typist renews it.
    public var typingLifetime: Duration = .seconds(6)

    public init() {}
}
