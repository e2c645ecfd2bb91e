import ChatCore
import Testing

@Suite("In-process event bus")
struct EventBusTests {
    static let sales = ChatAddress(chatID: ChatID("c1"), departmentID: DepartmentID(1), agentID: nil)
    static let support = ChatAddress(chatID: ChatID("c2"), departmentID: DepartmentID(2), agentID: AgentID("a9"))

    @Test func listenersHearOnlyTheChatsTheirScopeCovers() async throws {
        let bus = LocalEventBus()
        let salesAgent = bus.listen(to: .agent(AgentID("a1"), departments: [DepartmentID(1)]))
        let visitor = bus.listen(to: .chat(ChatID("c2")))
        await bus.publish(.appended(Self.sales, upTo: EventCursor(1)))
        await bus.publish(.appended(Self.support, upTo: EventCursor(2)))

        var salesSignals = salesAgent.signals.makeAsyncIterator()
        #expect(await salesSignals.next() == .notice(.appended(Self.sales, upTo: EventCursor(1))))
        var visitorSignals = visitor.signals.makeAsyncIterator()
        #expect(await visitorSignals.next() == .notice(.appended(Self.support, upTo: EventCursor(2))))
    }

    @Test func anAgentHearsTheChatsItServesOutsideItsDepartments() {
        #expect(EventScope.agent(AgentID("a9"), departments: []).covers(Self.support))
        #expect(!EventScope.agent(AgentID("a1"), departments: []).covers(Self.support))
        #expect(EventScope.everything.covers(Self.sales))
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
