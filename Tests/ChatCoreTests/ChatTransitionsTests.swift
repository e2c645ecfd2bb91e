import ChatCore
import Foundation
import Testing

@Suite("Chat transitions", .timeLimit(.minutes(3)))
struct ChatTransitionsTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let sales = DepartmentID(1)
    static let visitor = VisitorID("v1")

    static func chat(_ state: ChatState, agent: AgentID? = nil, offer: AgentID? = nil, events: Int = 2) -> Chat {
        Chat(id: ChatID("c1"), number: 1, departmentID: sales, visitorID: visitor, state: state, agentID: agent,
             offer: offer.map { Offer(agentID: $0, at: now) }, nextEventID: events, createdAt: now, updatedAt: now)
    }

    static func agent(_ id: String, departments: [DepartmentID] = [sales], admin: Bool = false) -> Agent {
        Agent(id: AgentID(id), email: "\(id)@example.com", name: id, isAdmin: admin, departmentIDs: departments, createdAt: now)
    }

    static func principal(_ agent: Agent) -> Principal { Principal(session: SessionID("s-\(agent.id)"), role: .agent(agent)) }
    static let visitorPrincipal = Principal(session: SessionID("s-v"), role: .visitor(visitor))
    static let ann = agent("ann")
    static let system = EventAuthor.system

    static func draft(_ author: EventAuthor, _ body: EventBody) -> EventDraft { EventDraft(author: author, body: body) }

    @Test func aChatStartsQueuedWithTheVisitorsFirstLine() {
        #expect(ChatTransitions.start(by: Self.visitor, message: "Hi") == [
            Self.draft(Self.system, .stateChanged(.queued)), Self.draft(.visitor(Self.visitor), .message("Hi")),
        ])
    }

    @Test func aChatRequestedWithoutALineStartsQueuedAndSilent() {
        #expect(ChatTransitions.start(by: Self.visitor, message: nil) == [Self.draft(Self.system, .stateChanged(.queued))])
    }

    @Test func anAgentJoinsAQueuedChat() throws {
        let change = try ChatTransitions.join(Self.chat(.queued, offer: Self.ann.id), by: Self.ann, load: 0, capacity: 1)
        #expect(change == ChatChange(state: .active, agentID: Self.ann.id, offer: .some(nil), events: [
            Self.draft(Self.system, .stateChanged(.active)), Self.draft(.agent(Self.ann.id), .joined),
        ]))
    }

    @Test func joiningAChatOfferedToAnotherTakesTheOfferAway() throws {
        let change = try ChatTransitions.join(Self.chat(.transferring, offer: AgentID("bob")), by: Self.ann, load: 0, capacity: 1)
        #expect(change.events.first == Self.draft(Self.system, .offerWithdrawn(AgentID("bob"), .takenByAnother)))
        #expect(change.events.count == 3)
    }

    @Test func anAgentOfAnotherDepartmentJoinsAChatOfferedToIt() throws {
        let outsider = Self.agent("out", departments: [DepartmentID(2)])
        let change = try ChatTransitions.join(Self.chat(.transferring, offer: outsider.id), by: outsider, load: 0, capacity: 1)
        #expect(change.agentID == .some(outsider.id))
    }

    @Test func joinRefusesAnEndedChat() {
        #expect(throws: ChatError.chatEnded(ChatID("c1"))) {
            try ChatTransitions.join(Self.chat(.ended), by: Self.ann, load: 0, capacity: 1)
        }
    }

    @Test func joinRefusesAnActiveChat() {
        #expect(throws: ChatError.chatNotQueued(ChatID("c1"))) {
            try ChatTransitions.join(Self.chat(.active, agent: AgentID("bob")), by: Self.ann, load: 0, capacity: 1)
        }
    }

    @Test func joinRefusesAnAgentOfAnotherDepartment() {
        #expect(throws: ChatError.forbidden(reason: "You do not serve this chat's department.")) {
            try ChatTransitions.join(Self.chat(.queued), by: Self.agent("out", departments: [DepartmentID(2)]), load: 0, capacity: 1)
        }
    }

    @Test func joinRefusesAnAgentAtCapacity() {
        #expect(throws: ChatError.atCapacity(limit: 2)) {
            try ChatTransitions.join(Self.chat(.queued), by: Self.ann, load: 2, capacity: 2)
        }
    }

    @Test func theServingAgentSendsALineWithItsOwnID() throws {
        let change = try ChatTransitions.send(
            "Hello", clientMessageID: "m-1", in: Self.chat(.active, agent: Self.ann.id), by: Self.principal(Self.ann).author, maxEvents: 10
        )
        #expect(change == ChatChange(events: [EventDraft(author: .agent(Self.ann.id), body: .message("Hello"), clientMessageID: "m-1")]))
    }

    @Test func theVisitorSendsWhileQueued() throws {
        let change = try ChatTransitions.send("Still there?", clientMessageID: nil, in: Self.chat(.queued), by: Self.visitorPrincipal.author, maxEvents: 10)
        #expect(change == ChatChange(events: [Self.draft(.visitor(Self.visitor), .message("Still there?"))]))
    }

    @Test func sendRefusesAnEndedChat() {
        #expect(throws: ChatError.chatEnded(ChatID("c1"))) {
            try ChatTransitions.send("x", clientMessageID: nil, in: Self.chat(.ended), by: Self.visitorPrincipal.author, maxEvents: 10)
        }
    }

    @Test func sendRefusesAnAgentWhoDoesNotServeTheChat() {
        #expect(throws: ChatError.notChatAgent(ChatID("c1"))) {
            try ChatTransitions.send("x", clientMessageID: nil, in: Self.chat(.active, agent: AgentID("bob")), by: Self.principal(Self.ann).author, maxEvents: 10)
        }
    }

    @Test func sendRefusesAFullChat() {
        #expect(throws: ChatError.chatFull(ChatID("c1"), limit: 10)) {
            try ChatTransitions.send("x", clientMessageID: nil, in: Self.chat(.queued, events: 10), by: Self.visitorPrincipal.author, maxEvents: 10)
        }
    }

    @Test func anyAgentWritesANote() throws {
        let change = try ChatTransitions.note("Tip", in: Self.chat(.active, agent: AgentID("bob")), by: Self.ann, maxEvents: 10)
        #expect(change == ChatChange(events: [Self.draft(.agent(Self.ann.id), .note("Tip"))]))
    }

    @Test func noteRefusesAnEndedOrFullChat() {
        #expect(throws: ChatError.chatEnded(ChatID("c1"))) { try ChatTransitions.note("x", in: Self.chat(.ended), by: Self.ann, maxEvents: 10) }
        #expect(throws: ChatError.chatFull(ChatID("c1"), limit: 2)) { try ChatTransitions.note("x", in: Self.chat(.queued), by: Self.ann, maxEvents: 2) }
    }

    @Test func theAgentWhoServedAnEndedChatAnswersItsSurvey() throws {
        let answers = [SurveyAnswer(questionID: "q1", answers: ["yes"])]
        let change = try ChatTransitions.answerSurvey(answers, in: Self.chat(.ended, agent: Self.ann.id), by: Self.ann, maxEvents: 10)
        #expect(change == ChatChange(events: [Self.draft(.agent(Self.ann.id), .surveyAnswered(answers))]))
    }

    @Test func surveyRefusesAnotherAgentOrAFullChat() {
        #expect(throws: ChatError.notChatAgent(ChatID("c1"))) {
            try ChatTransitions.answerSurvey([], in: Self.chat(.ended, agent: AgentID("bob")), by: Self.ann, maxEvents: 10)
        }
        #expect(throws: ChatError.chatFull(ChatID("c1"), limit: 2)) {
            try ChatTransitions.answerSurvey([], in: Self.chat(.ended, agent: Self.ann.id), by: Self.ann, maxEvents: 2)
        }
    }

    @Test func eitherSideClosesAndAnOfferEndsWithTheChat() throws {
        let byVisitor = try ChatTransitions.close(Self.chat(.queued, offer: Self.ann.id), by: Self.visitorPrincipal)
        #expect(byVisitor == ChatChange(state: .ended, offer: .some(nil), events: [Self.draft(.visitor(Self.visitor), .stateChanged(.ended))]))
        let byAdmin = try ChatTransitions.close(Self.chat(.active, agent: AgentID("bob")), by: Self.principal(Self.agent("boss", admin: true)))
        #expect(byAdmin.state == .ended)
    }

    @Test func closeRefusesAnEndedChatOrAnotherAgentsChat() {
        #expect(throws: ChatError.chatEnded(ChatID("c1"))) { try ChatTransitions.close(Self.chat(.ended), by: Self.visitorPrincipal) }
        #expect(throws: ChatError.notChatAgent(ChatID("c1"))) {
            try ChatTransitions.close(Self.chat(.active, agent: AgentID("bob")), by: Self.principal(Self.ann))
        }
    }

    @Test func aTransferToAnAgentOffersItTheChat() throws {
        let bob = AgentID("bob")
        let change = try ChatTransitions.transfer(Self.chat(.active, agent: Self.ann.id), to: .agent(bob), note: "VIP", by: Self.ann, at: Self.now)
        #expect(change == ChatChange(state: .transferring, agentID: .some(nil), offer: .some(Offer(agentID: bob, at: Self.now)), events: [
            Self.draft(.agent(Self.ann.id), .transferred(.agent(bob), note: "VIP")),
            Self.draft(Self.system, .stateChanged(.transferring)), Self.draft(Self.system, .offered(bob)),
        ]))
    }

    @Test func aTransferToADepartmentMovesTheChatToItsQueue() throws {
        let support = DepartmentID(2)
        let change = try ChatTransitions.transfer(Self.chat(.active, agent: Self.ann.id), to: .department(support), note: nil, by: Self.ann, at: Self.now)
        #expect(change == ChatChange(state: .transferring, agentID: .some(nil), offer: .some(nil), departmentID: support, events: [
            Self.draft(.agent(Self.ann.id), .transferred(.department(support), note: nil)), Self.draft(Self.system, .stateChanged(.transferring)),
        ]))
    }

    @Test func transferRefusesAnEndedQueuedOrAnotherAgentsChat() {
        let target = TransferTarget.department(DepartmentID(2))
        #expect(throws: ChatError.chatEnded(ChatID("c1"))) {
            try ChatTransitions.transfer(Self.chat(.ended), to: target, note: nil, by: Self.ann, at: Self.now)
        }
        #expect(throws: ChatError.chatNotActive(ChatID("c1"))) {
            try ChatTransitions.transfer(Self.chat(.queued), to: target, note: nil, by: Self.ann, at: Self.now)
        }
        #expect(throws: ChatError.notChatAgent(ChatID("c1"))) {
            try ChatTransitions.transfer(Self.chat(.active, agent: AgentID("bob")), to: target, note: nil, by: Self.ann, at: Self.now)
        }
    }

    @Test func anAbandonedChatEndsSayingWhyUnlessItHasEnded() {
        #expect(ChatTransitions.abandon(Self.chat(.active, agent: Self.ann.id)) == ChatChange(state: .ended, offer: .some(nil), events: [
            Self.draft(Self.system, .notice(.visitorLeft)), Self.draft(Self.system, .stateChanged(.ended)),
        ]))
        #expect(ChatTransitions.abandon(Self.chat(.ended)) == ChatChange(events: []))
    }

    @Test func routingOffersAWaitingChat() {
        #expect(ChatTransitions.offer(Self.chat(.queued), to: Self.ann.id, at: Self.now) == ChatChange(
            offer: Offer(agentID: Self.ann.id, at: Self.now), events: [Self.draft(Self.system, .offered(Self.ann.id))]
        ))
    }

    @Test func aDeclinedTransferReturnsToTheQueue() throws {
        #expect(try ChatTransitions.decline(Self.chat(.transferring, offer: Self.ann.id), by: Self.ann.id) == ChatChange(
            state: .queued, offer: .some(nil), events: [
                Self.draft(.agent(Self.ann.id), .offerWithdrawn(Self.ann.id, .declined)), Self.draft(Self.system, .stateChanged(.queued)),
            ]
        ))
        #expect(try ChatTransitions.decline(Self.chat(.queued, offer: Self.ann.id), by: Self.ann.id) == ChatChange(
            offer: .some(nil), events: [Self.draft(.agent(Self.ann.id), .offerWithdrawn(Self.ann.id, .declined))]
        ))
    }

    @Test func declineRefusesAnOfferTheAgentDoesNotHold() {
        #expect(throws: ChatError.noOffer(ChatID("c1"))) { try ChatTransitions.decline(Self.chat(.queued, offer: AgentID("bob")), by: Self.ann.id) }
        #expect(throws: ChatError.noOffer(ChatID("c1"))) { try ChatTransitions.decline(Self.chat(.queued), by: Self.ann.id) }
    }

    @Test func theSystemWithdrawsAStandingOffer() {
        let offer = Offer(agentID: Self.ann.id, at: Self.now)
        #expect(ChatTransitions.withdraw(offer, from: Self.chat(.queued, offer: Self.ann.id), because: .timedOut) == ChatChange(
            offer: .some(nil), events: [Self.draft(Self.system, .offerWithdrawn(Self.ann.id, .timedOut))]
        ))
    }

    @Test func withdrawLeavesAChatWhoseOfferNoLongerStands() {
        let offer = Offer(agentID: Self.ann.id, at: Self.now)
        #expect(ChatTransitions.withdraw(offer, from: Self.chat(.active, agent: Self.ann.id), because: .timedOut) == ChatChange(events: []))
        #expect(ChatTransitions.withdraw(offer, from: Self.chat(.queued, offer: AgentID("bob")), because: .agentUnavailable) == ChatChange(events: []))
    }
}
