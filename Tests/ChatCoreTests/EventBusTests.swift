import ChatCore
import Foundation
import Testing

@Suite("In-process event bus", .timeLimit(.minutes(3)))
struct EventBusTests {
    static let sales = ChatAddress(chatID: ChatID("c1"), departmentID: DepartmentID(1), agentID: nil)
    static let support = ChatAddress(chatID: ChatID("c2"), departmentID: DepartmentID(2), agentID: AgentID("a9"), visitorID: VisitorID("v2"))

    /// What the listener heard until now: reads up to a wake-up scheduled now, which queues
    /// behind every notice already delivered.
    static func heard(by listener: EventListener) async -> [ListenerSignal] {
        _ = listener.wake(after: .zero)
        var heard: [ListenerSignal] = []
        for await signal in listener.signals {
            if signal == .timeout { break }
            heard.append(signal)
        }
        return heard
    }

    @Test func listenersHearOnlyTheChatsTheirScopeCovers() async throws {
        let bus = LocalEventBus()
        let salesAgent = bus.listen(to: .agent(AgentID("a1"), departments: [DepartmentID(1)]))
        let visitor = bus.listen(to: .visitor(VisitorID("v2")))
        let narrowed = bus.listen(to: .chat(ChatID("c2")))
        let admin = bus.listen(to: .everything)
        let presence = ChatNotice.presence(PresenceNotice(agentID: AgentID("a1"), status: .online, at: Date(timeIntervalSince1970: 0)))
        await bus.publish(.appended(Self.sales, upTo: EventCursor(1)))
        await bus.publish(.appended(Self.support, upTo: EventCursor(2)))
        await bus.publish(presence)

        #expect(await Self.heard(by: salesAgent) == [.notice(.appended(Self.sales, upTo: EventCursor(1))), .notice(presence)])
        #expect(await Self.heard(by: visitor) == [.notice(.appended(Self.support, upTo: EventCursor(2)))], "visitors hear no presence")
        #expect(await Self.heard(by: narrowed) == [.notice(.appended(Self.support, upTo: EventCursor(2)))])
        #expect(await Self.heard(by: admin) == [
            .notice(.appended(Self.sales, upTo: EventCursor(1))), .notice(.appended(Self.support, upTo: EventCursor(2))), .notice(presence),
        ])
    }

    @Test func anAgentHearsTheChatsItServesOutsideItsDepartments() {
        #expect(EventScope.agent(AgentID("a9"), departments: []).covers(Self.support))
        #expect(!EventScope.agent(AgentID("a1"), departments: []).covers(Self.support))
        #expect(EventScope.everything.covers(Self.sales))
    }

    @Test func anAgentHearsAChatOfferedToItFromAnotherDepartmentWhileTheOfferStands() {
        var offered = Self.support
        (offered.agentID, offered.offeredTo) = (nil, AgentID("a5"))
        #expect(EventScope.agent(AgentID("a5"), departments: [DepartmentID(1)]).covers(offered))
        #expect(!EventScope.agent(AgentID("a6"), departments: [DepartmentID(1)]).covers(offered), "only the agent it is offered to")
        offered.offeredTo = nil
        #expect(!EventScope.agent(AgentID("a5"), departments: [DepartmentID(1)]).covers(offered), "a withdrawn offer no longer covers it")
    }

    @Test func aDroppedListenerStopsListening() async {
        let bus = LocalEventBus()
        do {
            let listener = bus.listen(to: .everything)
            #expect(bus.listenerCount == 1)
            _ = listener
        }
        #expect(bus.listenerCount == 0)
    }

    @Test func aScheduledWakeUpArrives() async {
        let bus = LocalEventBus()
        let listener = bus.listen(to: .everything)
        _ = listener.wake(after: .milliseconds(10))
        var signals = listener.signals.makeAsyncIterator()
        #expect(await signals.next() == .timeout)
    }
}
