import ChatCore
import Foundation
import Testing

@Suite("Access changes and the feeds they end")
struct AccessChangeTests {
    static let sam = Agent(id: AgentID("a1"), email: "sam@example.com", name: "Sam", isAdmin: false,
                           departmentIDs: [DepartmentID(1)], createdAt: Date(timeIntervalSince1970: 0))
    static let samHere = Principal(session: SessionID("s1"), role: .agent(sam))
    static let samElsewhere = Principal(session: SessionID("s2"), role: .agent(sam))
    static let visitor = Principal(session: SessionID("s3"), role: .visitor(VisitorID("v1")))

    @Test func aRevokedSessionEndsItsOwnFeedsOnly() {
        let change = AccessChange.sessionRevoked(SessionID("s1"))
        #expect(change.ending(feedOf: Self.samHere) == .sessionRevoked)
        #expect(change.ending(feedOf: Self.samElsewhere) == nil)
        #expect(AccessChange.sessionRevoked(SessionID("s3")).ending(feedOf: Self.visitor) == .sessionRevoked)
    }

    @Test func aPasswordChangeEndsEveryOtherSessionOfTheAgent() {
        let change = AccessChange.agentSessionsRevoked(AgentID("a1"), except: SessionID("s1"))
        #expect(change.ending(feedOf: Self.samHere) == nil)
        #expect(change.ending(feedOf: Self.samElsewhere) == .sessionRevoked)
        #expect(change.ending(feedOf: Self.visitor) == nil)
        #expect(AccessChange.agentSessionsRevoked(AgentID("a1"), except: nil).ending(feedOf: Self.samHere) == .sessionRevoked)
    }

    @Test func aRightsChangeEndsTheAgentsFeeds() {
        let change = AccessChange.agentRightsChanged(AgentID("a1"))
        #expect(change.ending(feedOf: Self.samHere) == .rightsChanged)
        #expect(change.ending(feedOf: Self.visitor) == nil)
        #expect(AccessChange.agentRightsChanged(AgentID("a9")).ending(feedOf: Self.samHere) == nil)
    }

    @Test func everyScopeHearsAccessNotices() async {
        let bus = LocalEventBus()
        let visitor = bus.listen(to: .chat(ChatID("c1")))
        await bus.publish(.access(.agentRightsChanged(AgentID("a9"))))
        var signals = visitor.signals.makeAsyncIterator()
        #expect(await signals.next() == .notice(.access(.agentRightsChanged(AgentID("a9")))))
    }
}

@Suite("A reader that falls behind")
struct FallingBehindTests {
    @Test func keepsTheAccessChangesItWasToldThoughItsBufferOverflows() async {
        let bus = LocalEventBus()
        let listener = bus.listen(to: .everything)
        let chat = ChatAddress(chatID: ChatID("c1"), departmentID: DepartmentID(1), agentID: nil)
        await bus.publish(.access(.agentRightsChanged(AgentID("a1"))))
        for cursor in 1...1_000 {
            await bus.publish(.appended(chat, upTo: EventCursor(Int64(cursor))))
        }
        // Whatever the buffer kept is there to read at once; the wake-ups for old cursors are gone.
        var signals = listener.signals.makeAsyncIterator()
        var heard: [ListenerSignal] = []
        while heard.count < 256, let signal = await signals.next() { heard.append(signal) }
        let keptTheChange = heard.contains(.notice(.access(.agentRightsChanged(AgentID("a1")))))
        let keptTheNewest = heard.contains(.notice(.appended(chat, upTo: EventCursor(1_000))))
        let droppedTheOldest = !heard.contains(.notice(.appended(chat, upTo: EventCursor(1))))
        #expect(keptTheChange && keptTheNewest && droppedTheOldest)
    }
}
