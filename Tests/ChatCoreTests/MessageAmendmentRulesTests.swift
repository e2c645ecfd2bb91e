import ChatCore
import Foundation
import Testing

/// Editing and deleting a message: only its author, only a line of text, only while the chat
/// is open and within a day of its sending, never once deleted.
@Suite("Message edit and delete rules")
struct MessageAmendmentRulesTests {
    typealias T = ChatTransitionsTests
    static let guest = EventAuthor.visitor(T.visitor)
    static let ann = EventAuthor.agent(AgentID("ann"))

    static func line(_ id: Int = 1, by author: EventAuthor = guest, _ body: EventBody = .message("Hi"), at date: Date = T.now) -> ChatEvent {
        ChatEvent(chatID: ChatID("c1"), id: id, cursor: EventCursor(Int64(id)), author: author, body: body, clientMessageID: nil, createdAt: date)
    }

    @Test func theAuthorEditsAndDeletesItsLine() throws {
        let chat = T.chat(.active, agent: AgentID("ann"))
        let edit = try ChatTransitions.edit(Self.line(), to: "Hello", in: chat, by: Self.guest, at: T.now, maxEvents: 100)
        #expect(edit.events == [EventDraft(author: Self.guest, body: .messageEdited(of: 1, text: "Hello"))])
        let delete = try ChatTransitions.delete(Self.line(), in: chat, by: Self.guest, at: T.now, maxEvents: 100)
        #expect(delete.events == [EventDraft(author: Self.guest, body: .messageDeleted(of: 1))])
    }

    @Test func othersLinesNotesEndedChatsOldAndDeletedLinesAreRefused() {
        let chat = T.chat(.active, agent: AgentID("ann"))
        #expect(throws: ChatError.forbidden(reason: "Only its author may edit or delete a message.")) {
            try ChatTransitions.edit(Self.line(), to: "x", in: chat, by: Self.ann, at: T.now, maxEvents: 100)
        }
        #expect(throws: ChatError.messageNotAmendable(ChatID("c1"), 1, reason: "it is not a line of text")) {
            try ChatTransitions.delete(Self.line(by: Self.ann, .note("tip")), in: chat, by: Self.ann, at: T.now, maxEvents: 100)
        }
        #expect(throws: ChatError.chatEnded(ChatID("c1"))) {
            try ChatTransitions.edit(Self.line(), to: "x", in: T.chat(.ended), by: Self.guest, at: T.now, maxEvents: 100)
        }
        let dayAndASecond = T.now.addingTimeInterval(86_401)
        #expect(throws: ChatError.messageNotAmendable(ChatID("c1"), 1, reason: "it was sent more than 24 hours ago")) {
            try ChatTransitions.edit(Self.line(), to: "x", in: chat, by: Self.guest, at: dayAndASecond, maxEvents: 100)
        }
        var deleted = Self.line()
        deleted.amendment = .deleted(at: T.now)
        #expect(throws: ChatError.messageNotAmendable(ChatID("c1"), 1, reason: "it was deleted")) {
            try ChatTransitions.edit(deleted, to: "x", in: chat, by: Self.guest, at: T.now, maxEvents: 100)
        }
        #expect(throws: ChatError.chatFull(ChatID("c1"), limit: 2)) {
            try ChatTransitions.delete(Self.line(), in: chat, by: Self.guest, at: T.now, maxEvents: 2)
        }
    }
}
