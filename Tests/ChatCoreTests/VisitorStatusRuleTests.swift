import ChatCore
import Foundation
import Testing

@Suite("Visitor status, derived")
struct VisitorStatusRuleTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let rule = VisitorStatusRule(awayAfter: .seconds(300))

    static func record(
        chat: Chat? = nil, lastSeen: TimeInterval = 0, preChat: TimeInterval? = nil, invitation: Invitation? = nil
    ) -> VisitorRecord {
        VisitorRecord(
            visitor: Visitor(id: VisitorID("v"), name: "", email: "", profile: VisitorProfile(), createdAt: start),
            activity: VisitorActivity(
                visits: 1, pageViews: 1, chats: chat == nil ? 0 : 1, firstVisitAt: start, visitStartedAt: start,
                lastSeenAt: start.addingTimeInterval(lastSeen), preChatAt: preChat.map(start.addingTimeInterval), invitation: invitation
            ),
            currentChat: chat
        )
    }

    static func chat(_ state: ChatState, agent: AgentID? = nil, endedBy: ChatEnder? = nil, updated: TimeInterval = 10) -> Chat {
        Chat(
            id: ChatID("c"), number: 1, departmentID: DepartmentID(1), visitorID: VisitorID("v"), state: state, agentID: agent,
            nextEventID: 2, createdAt: start, updatedAt: start.addingTimeInterval(updated), endedBy: endedBy
        )
    }

    static func status(_ record: VisitorRecord, staffed: Bool = true, at seconds: TimeInterval = 60) -> VisitorStatus {
        rule.status(of: record, staffed: staffed, at: start.addingTimeInterval(seconds))
    }

    @Test func anOpenChatDecidesWhateverElseHappened() {
        let gone: TimeInterval = 10_000
        #expect(Self.status(Self.record(chat: Self.chat(.active)), at: gone) == .chatting)
        #expect(Self.status(Self.record(chat: Self.chat(.transferring)), at: gone) == .transferring)
        #expect(Self.status(Self.record(chat: Self.chat(.queued))) == .waitingForChat)
        #expect(Self.status(Self.record(chat: Self.chat(.queued)), staffed: false) == .offlineMessage)
    }

    @Test func whatHappenedDuringThisVisitComesNext() {
        #expect(Self.status(Self.record()) == .inSite)
        #expect(Self.status(Self.record(), at: 301) == .outOfSite)
        #expect(Self.status(Self.record(preChat: 5)) == .preChat)
        #expect(Self.status(Self.record(chat: Self.chat(.ended, agent: AgentID("a"), endedBy: .agent))) == .chatEnded)
        #expect(Self.status(Self.record(chat: Self.chat(.ended, endedBy: .agent))) == .refusedByOperator)
        #expect(Self.status(Self.record(chat: Self.chat(.ended, endedBy: .visitor))) == .chatEnded)
        #expect(Self.status(Self.record(chat: Self.chat(.ended, endedBy: .agent, updated: -10))) == .inSite,
                "a chat of an earlier visit is history")
        let invitedAt = Self.start.addingTimeInterval(5)
        #expect(Self.status(Self.record(invitation: Invitation(kind: .manual, answer: .pending, at: invitedAt, by: AgentID("a")))) == .manuallyInvited)
        #expect(Self.status(Self.record(invitation: Invitation(kind: .auto, answer: .pending, at: invitedAt, by: nil))) == .autoInvited)
        #expect(Self.status(Self.record(invitation: Invitation(kind: .auto, answer: .declined, at: invitedAt, by: nil))) == .refusedByVisitor)
        #expect(Self.status(Self.record(invitation: Invitation(kind: .manual, answer: .accepted, at: invitedAt, by: nil))) == .inSite)
    }
}

@Suite("Auto-invitation page patterns")
struct AutoInvitationPatternTests {
    static func rule(_ pattern: String, seconds: Int = 0) -> AutoInvitationRule {
        AutoInvitationRule(id: "r", name: "r", urlPattern: pattern, secondsOnPage: seconds, createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test(arguments: [
        ("", "https://a.example/x", true),
        ("*/pricing*", "https://a.example/pricing?x=1", true),
        ("*/pricing*", "https://a.example/PRICING", true),
        ("*/pricing*", "https://a.example/about", false),
        ("https://a.example/", "https://a.example/", true),
        ("https://a.example/", "https://a.example/x", false),
        ("*checkout", "https://a.example/checkout", true),
        ("*checkout", "https://a.example/checkout/done", false),
        ("a*b*a", "aba", true),
        ("a*b*a", "ab", false),
    ])
    func patternsMatchTheWholeAddress(_ pattern: String, _ url: String, _ expected: Bool) {
        let start = Date(timeIntervalSince1970: 0)
        #expect(Self.rule(pattern).invites(onto: url, viewedAt: start, at: start) == expected)
    }

    @Test func theTimeOnThePageMustHavePassed() {
        let start = Date(timeIntervalSince1970: 0)
        #expect(!Self.rule("", seconds: 30).invites(onto: "https://a.example/", viewedAt: start, at: start.addingTimeInterval(29)))
        #expect(Self.rule("", seconds: 30).invites(onto: "https://a.example/", viewedAt: start, at: start.addingTimeInterval(30)))
    }
}
