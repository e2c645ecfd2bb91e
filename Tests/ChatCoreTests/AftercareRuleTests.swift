import ChatCore
import Foundation
import Testing

/// The rating rule and the transcript's text, alone.
@Suite("Ratings and transcripts")
struct AftercareRuleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let visitor = VisitorID("v1")

    static func chat(servedAt: Date? = start, endedAt: Date? = nil, ratedAt: Date? = nil) -> Chat {
        Chat(
            id: ChatID("c1"), number: 7, departmentID: DepartmentID(1), visitorID: visitor, state: endedAt == nil ? .active : .ended,
            agentID: AgentID("a1"), nextEventID: 4, createdAt: start, updatedAt: start, endedAt: endedAt, servedAt: servedAt, ratedAt: ratedAt
        )
    }

    @Test func aChatIsRatableByItsVisitorOnceFromItsFirstJoinUntilAWeekAfterItsEnd() throws {
        let rating = ChatRating(score: 5, comment: nil)
        let change = try ChatTransitions.rate(rating, in: Self.chat(), by: Self.visitor, at: Self.start, maxEvents: 100)
        #expect(change.events == [EventDraft(author: .visitor(Self.visitor), body: .rated(rating))] && change.state == nil)
        #expect(throws: ChatError.notRatable(ChatID("c1"), reason: "no agent has joined it yet")) {
            try ChatTransitions.rate(rating, in: Self.chat(servedAt: nil), by: Self.visitor, at: Self.start, maxEvents: 100)
        }
        #expect(throws: ChatError.alreadyRated(ChatID("c1"))) {
            try ChatTransitions.rate(rating, in: Self.chat(ratedAt: Self.start), by: Self.visitor, at: Self.start, maxEvents: 100)
        }
        #expect(throws: ChatError.chatNotFound(ChatID("c1"))) {
            try ChatTransitions.rate(rating, in: Self.chat(), by: VisitorID("someone else"), at: Self.start, maxEvents: 100)
        }
        let ended = Self.chat(endedAt: Self.start)
        let lastMoment = Self.start.adding(ChatTransitions.ratingWindow)
        _ = try ChatTransitions.rate(rating, in: ended, by: Self.visitor, at: lastMoment, maxEvents: 100)
        #expect(throws: ChatError.notRatable(ChatID("c1"), reason: "it ended more than 7 days ago")) {
            try ChatTransitions.rate(rating, in: ended, by: Self.visitor, at: lastMoment.addingTimeInterval(1), maxEvents: 100)
        }
    }

    @Test func aTranscriptListsWhatBothSidesSawWithTimesAndNames() {
        let visitor = EventAuthor.visitor(Self.visitor)
        let agent = EventAuthor.agent(AgentID("a1"))
        func event(_ id: Int, _ author: EventAuthor, _ body: EventBody) -> ChatEvent {
            ChatEvent(chatID: ChatID("c1"), id: id, cursor: EventCursor(Int64(id + 1)), author: author, body: body, clientMessageID: nil,
                      createdAt: Self.start.addingTimeInterval(Double(id)))
        }
        let events = [
            event(0, .system, .stateChanged(.queued)), event(1, visitor, .message("Hi\r\nthere")), event(2, agent, .joined),
            event(3, agent, .note("secret")), event(4, agent, .message("Hello")), event(5, visitor, .rated(ChatRating(score: 4, comment: "ok"))),
            event(6, visitor, .stateChanged(.ended)),
        ]
        let mail = TranscriptMail(
            chat: Self.chat(), departmentName: "Sales", events: events, names: [visitor: "Vera", agent: "Sam"],
            from: "parley@example.com", to: "vera@example.org", date: Self.start
        )
        #expect(mail.subject == "Transcript of chat #7 (Sales)")
        #expect(mail.body == [
            "Transcript of chat #7 (Sales), started 2027-01-15 08:00:00 UTC.", "",
            "[2027-01-15 08:00:01 UTC] Vera: Hi", "    there",
            "[2027-01-15 08:00:02 UTC] Sam joined the chat.",
            "[2027-01-15 08:00:04 UTC] Sam: Hello",
            "[2027-01-15 08:00:05 UTC] Vera rated the chat 4 of 5: ok",
            "[2027-01-15 08:00:06 UTC] The chat ended.", "",
        ].joined(separator: "\r\n"))
        #expect(mail.message.contains("\r\nDate: Fri, 15 Jan 2027 08:00:00 +0000\r\n"))
        #expect(MailFormat.headerText("Plain words") == "Plain words")
        let encoded = MailFormat.headerText(String(repeating: "é", count: 40))
        let words = encoded.components(separatedBy: "\r\n ")
        #expect(words.count == 2 && words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
    }
}
