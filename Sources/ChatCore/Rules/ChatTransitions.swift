import Foundation

/// The rules for changing a chat. Each takes the chat as the store read it under its lock, who
/// acts and what they ask, and returns the change to commit, or throws the `ChatError` that
/// refuses it. Pure: no storage and no clock (a time is an input), so every rule is tested alone.
public enum ChatTransitions {
    /// The opening events of a new chat: it waits in the queue, with the visitor's first line if it wrote one.
    public static func start(by visitor: VisitorID, message: String?) -> [EventDraft] {
        [EventDraft(author: .system, body: .stateChanged(.queued))] + (message.map { [EventDraft(author: .visitor(visitor), body: .message($0))] } ?? [])
    }

    /// A channel contact's chat opens in the queue without a line of its own (the contact
    /// asked the bot for a person); what it said to the bot before, if given, is a note for agents.
    public static func openFromChannel(context: String?) -> [EventDraft] {
        [EventDraft(author: .system, body: .stateChanged(.queued))] + (context.map { [EventDraft(author: .system, body: .note($0))] } ?? [])
    }

    /// The system ends an open chat (a channel closed the contact's session); an ended chat stays as it is.
    public static func end(_ chat: Chat) -> ChatChange {
        guard chat.state != .ended else { return ChatChange(events: []) }
        return ChatChange(state: .ended, offer: .some(nil), events: [EventDraft(author: .system, body: .stateChanged(.ended))])
    }

    /// An agent accepts a queued or transferring chat (offered to it or not) and serves it,
    /// within `capacity`; `load` counts its active chats and offers, this chat's own excluded.
    public static func join(_ chat: Chat, by agent: Agent, load: Int, capacity: Int) throws -> ChatChange {
        if chat.state == .ended { throw ChatError.chatEnded(chat.id) }
        guard chat.state == .queued || chat.state == .transferring else { throw ChatError.chatNotQueued(chat.id) }
        // A chat transferred to an agent of another department is theirs to take.
        guard agent.isAdmin || agent.serves(chat.departmentID) || chat.offer?.agentID == agent.id else {
            throw ChatError.forbidden(reason: "You do not serve this chat's department.")
        }
        guard load < capacity else { throw ChatError.atCapacity(limit: capacity) }
        var drafts: [EventDraft] = []
        // Picking a chat offered to someone else takes the offer away from them.
        if let offer = chat.offer, offer.agentID != agent.id {
            drafts.append(EventDraft(author: .system, body: .offerWithdrawn(offer.agentID, .takenByAnother)))
        }
        // The state first, then who: "chatting", then "you are now chatting with …", as LivePerson shows it.
        drafts += [EventDraft(author: .system, body: .stateChanged(.active)), EventDraft(author: .agent(agent.id), body: .joined)]
        return ChatChange(state: .active, agentID: agent.id, offer: .some(nil), events: drafts)
    }

    /// A line from the visitor or the serving agent, while the chat is open and has room;
    /// it may quote a line or a file of the chat (read with its amendments folded in) that
    /// was not deleted.
    public static func send(
        _ text: String, clientMessageID: String?, quoting quoted: ChatEvent? = nil, in chat: Chat, by author: EventAuthor, maxEvents: Int
    ) throws -> ChatChange {
        if chat.state == .ended { throw ChatError.chatEnded(chat.id) }
        if case .agent(let agent) = author, chat.agentID != agent {
            throw ChatError.notChatAgent(chat.id)
        }
        if let quoted { try checkQuotable(quoted) }
        try checkRoom(in: chat, maxEvents: maxEvents)
        return ChatChange(events: [
            EventDraft(author: author, body: .message(text), clientMessageID: clientMessageID, quotedEventID: quoted?.id),
        ])
    }

    /// A file posted by either side, on the terms of a message.
    public static func attach(
        _ attachment: Attachment, clientMessageID: String?, in chat: Chat, by author: EventAuthor, maxEvents: Int
    ) throws -> ChatChange {
        if chat.state == .ended { throw ChatError.chatEnded(chat.id) }
        if case .agent(let agent) = author, chat.agentID != agent {
            throw ChatError.notChatAgent(chat.id)
        }
        try checkRoom(in: chat, maxEvents: maxEvents)
        return ChatChange(events: [EventDraft(author: author, body: .attachment(attachment), clientMessageID: clientMessageID)])
    }

    /// A note from any agent who may see the chat, while it is open and has room.
    public static func note(_ text: String, in chat: Chat, by agent: Agent, maxEvents: Int) throws -> ChatChange {
        if chat.state == .ended { throw ChatError.chatEnded(chat.id) }
        try checkRoom(in: chat, maxEvents: maxEvents)
        return ChatChange(events: [EventDraft(author: .agent(agent.id), body: .note(text))])
    }

    /// The agent survey, from the agent who serves or served the chat (or an admin), ended or not.
    public static func answerSurvey(_ answers: [SurveyAnswer], in chat: Chat, by agent: Agent, maxEvents: Int) throws -> ChatChange {
        guard chat.agentID == agent.id || agent.isAdmin else { throw ChatError.notChatAgent(chat.id) }
        try checkRoom(in: chat, maxEvents: maxEvents)
        return ChatChange(events: [EventDraft(author: .agent(agent.id), body: .surveyAnswered(answers))])
    }

    /// How long after its end a chat may still be rated.
    public static let ratingWindow: Duration = .seconds(7 * 86_400)

    /// The chat's visitor rates it, once, after an agent joined it (while it is served, or
    /// within `ratingWindow` of its end); `date` is now.
    public static func rate(_ rating: ChatRating, in chat: Chat, by visitor: VisitorID, at date: Date, maxEvents: Int) throws -> ChatChange {
        guard chat.visitorID == visitor else { throw ChatError.chatNotFound(chat.id) }
        guard chat.ratedAt == nil else { throw ChatError.alreadyRated(chat.id) }
        guard chat.servedAt != nil else { throw ChatError.notRatable(chat.id, reason: "no agent has joined it yet") }
        if let ended = chat.endedAt, date > ended.adding(ratingWindow) {
            throw ChatError.notRatable(chat.id, reason: "it ended more than 7 days ago")
        }
        try checkRoom(in: chat, maxEvents: maxEvents)
        return ChatChange(events: [EventDraft(author: .visitor(visitor), body: .rated(rating))])
    }

    /// Either side ends the chat; an agent only if it serves the chat, nobody does, or it is an admin.
    public static func close(_ chat: Chat, by principal: Principal) throws -> ChatChange {
        if chat.state == .ended { throw ChatError.chatEnded(chat.id) }
        if case .agent(let agent) = principal.role, chat.agentID != nil, chat.agentID != agent.id, !agent.isAdmin {
            throw ChatError.notChatAgent(chat.id)
        }
        return ChatChange(state: .ended, offer: .some(nil), events: [EventDraft(author: principal.author, body: .stateChanged(.ended))])
    }

    /// Whether the agent may hand the chat on: it is active, and the agent serves it or is an admin.
    public static func checkTransferable(_ chat: Chat, by agent: Agent) throws {
        if chat.state == .ended { throw ChatError.chatEnded(chat.id) }
        guard chat.state == .active else { throw ChatError.chatNotActive(chat.id) }
        guard chat.agentID == agent.id || agent.isAdmin else { throw ChatError.notChatAgent(chat.id) }
    }

    /// The serving agent (or an admin) hands the chat to an agent, who is offered it at `date`,
    /// or to a department, whose queue it joins; either way it is `transferring` until accepted.
    public static func transfer(
        _ chat: Chat, to target: TransferTarget, note: String?, by agent: Agent, at date: Date
    ) throws -> ChatChange {
        try checkTransferable(chat, by: agent)
        let transferred = EventDraft(author: .agent(agent.id), body: .transferred(target, note: note))
        let transferring = EventDraft(author: .system, body: .stateChanged(.transferring))
        switch target {
        case .agent(let targetID):
            return ChatChange(state: .transferring, agentID: .some(nil), offer: .some(Offer(agentID: targetID, at: date)), events: [
                transferred, transferring, EventDraft(author: .system, body: .offered(targetID)),
            ])
        case .department(let department):
            return ChatChange(state: .transferring, agentID: .some(nil), offer: .some(nil), departmentID: department,
                              events: [transferred, transferring])
        }
    }

    /// Ends a chat its visitor left, with a line saying why; a chat already ended stays as it is.
    public static func abandon(_ chat: Chat) -> ChatChange {
        guard chat.state != .ended else { return ChatChange(events: []) }
        return ChatChange(state: .ended, offer: .some(nil), events: [
            EventDraft(author: .system, body: .notice(.visitorLeft)),
            EventDraft(author: .system, body: .stateChanged(.ended)),
        ])
    }

    /// Routing offers a waiting chat to an agent at `date`.
    public static func offer(_ chat: Chat, to agent: AgentID, at date: Date) -> ChatChange {
        ChatChange(offer: Offer(agentID: agent, at: date), events: [EventDraft(author: .system, body: .offered(agent))])
    }

    /// The agent turns down the offer it holds.
    public static func decline(_ chat: Chat, by agent: AgentID) throws -> ChatChange {
        guard let offer = chat.offer, offer.agentID == agent else { throw ChatError.noOffer(chat.id) }
        return withdrawal(of: chat, offer, by: .agent(agent), because: .declined)
    }

    /// The system takes `offer` back (timed out, agent unavailable) if it still stands; no change
    /// when someone got there first.
    public static func withdraw(_ offer: Offer, from chat: Chat, because ending: OfferEnding) -> ChatChange {
        guard chat.state == .queued || chat.state == .transferring, chat.offer == offer else { return ChatChange(events: []) }
        return withdrawal(of: chat, offer, by: .system, because: ending)
    }

    /// Takes back a chat's offer; a transfer that was not accepted returns to the queue.
    private static func withdrawal(of chat: Chat, _ offer: Offer, by author: EventAuthor, because ending: OfferEnding) -> ChatChange {
        var events = [EventDraft(author: author, body: .offerWithdrawn(offer.agentID, ending))]
        guard chat.state == .transferring else { return ChatChange(offer: .some(nil), events: events) }
        events.append(EventDraft(author: .system, body: .stateChanged(.queued)))
        return ChatChange(state: .queued, offer: .some(nil), events: events)
    }

    /// Refuses a new line, note or survey in a chat that holds as many events as a chat may.
    static func checkRoom(in chat: Chat, maxEvents: Int) throws {
        guard chat.nextEventID < maxEvents else { throw ChatError.chatFull(chat.id, limit: maxEvents) }
    }
}
