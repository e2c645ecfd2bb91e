import ChatCore
import Foundation

/// Who the names in a chat's events belong to, read once per request.
struct LPNames {
    let agents: [AgentID: Agent]
    let departments: [DepartmentID: Department]
    let visitorName: String
    /// Agents known by name alone: the visitor side reads no directory.
    var agentNames: [AgentID: String] = [:]

    func agent(_ id: AgentID) -> String { knownAgentName(id) ?? "agent" }

    func knownAgentName(_ id: AgentID) -> String? { agents[id]?.name ?? agentNames[id] }
}

/// Parley's event log as LivePerson's events: `state` events and `line`s, system lines
/// numbered with LivePerson's `systemMessageId`s.
///
/// Some Parley events read as two LivePerson events (a chat that ends reads as the state
/// `ended` and the line "… ended the chat"), so event `n` of the log takes the LivePerson
/// ids `2n` and `2n + 1`. Ids only grow, and a client resumes from the last one it saw.
enum LPEvents {
    enum SystemMessage: String {
        case operatorAccepts = "3"
        case routing = "4"
        case operatorEnds = "5"
        case disconnected = "6"
        case transferredToOperator = "13"
        case transferredToSkill = "15"
        case requeued = "23"
    }

    /// The largest id a client may name; far beyond any chat's log, and far from overflowing.
    static let maxID = 1 << 40

    /// The first log event that can hold LivePerson id `id` or a later one.
    static func firstLogEvent(forID id: Int) -> Int { max(0, id) / 2 }

    static func render(_ event: ChatEvent, names: LPNames) -> [LPNode] {
        let first = 2 * event.id
        let time = event.createdAt.livePersonTime
        func system(_ id: Int, _ message: SystemMessage, _ text: String) -> LPNode {
            line(id: id, time: time, text: text, by: "info", source: "system", systemMessage: message)
        }
        switch event.body {
        case .stateChanged(let state):
            var events = [stateEvent(id: first, time: time, state: Self.state(state))]
            switch (state, event.author) {
            case (.queued, _) where event.id == 0:
                events.append(system(first + 1, .routing, "Thanks for waiting: an agent will be with you shortly."))
            case (.queued, _):
                events.append(system(first + 1, .requeued, "The chat was returned to the queue."))
            case (.ended, .agent(let agent)):
                events.append(system(first + 1, .operatorEnds, "\(names.agent(agent)) ended the chat."))
            default:
                break
            }
            return events
        case .message(let text):
            return [authored(text, id: first, time: time, author: event.author, names: names)]
        case .joined:
            guard case .agent(let agent) = event.author else { return [] }
            return [system(first, .operatorAccepts, "You are now chatting with \(names.agent(agent)).")]
        case .transferred(let target, let note):
            var events: [LPNode]
            switch target {
            case .agent(let agent):
                events = [system(first, .transferredToOperator, "The chat was transferred to \(names.agent(agent)).")]
            case .department(let department):
                let name = names.departments[department]?.name ?? "skill \(department)"
                events = [system(first, .transferredToSkill, "The chat was transferred to \(name).")]
            }
            if let note {
                events.append(authored(note, id: first + 1, time: time, author: event.author, names: names)
                    .replacing("subType", with: .string("ONLY_TO_REP")))
            }
            return events
        case .notice(let notice):
            switch notice {
            case .visitorLeft: return [system(first, .disconnected, notice.text)]
            }
        case .note(let text):
            return [authored(text, id: first, time: time, author: event.author, names: names).replacing("subType", with: .string("ONLY_TO_REP"))]
        case .rated(let rating):
            // LivePerson's exit survey has no place in the event list: the rating reads as an info line.
            let comment = rating.comment.map { ": \($0)" } ?? "."
            return [line(id: first, time: time, text: "\(names.visitorName) rated the chat \(rating.score) of 5\(comment)", by: "info", source: "system")]
        case .attachment(let attachment):
            // LivePerson's chat API carries lines only: the file shows as a line naming it.
            return [authored(attachment.line, id: first, time: time, author: event.author, names: names)]
        // LivePerson's chat API has no edited or withdrawn lines: its clients keep what they were sent.
        case .offered, .offerWithdrawn, .surveyAnswered, .messageEdited, .messageDeleted:
            return []
        }
    }

    /// LivePerson's chat states: a chat waits until an agent serves it.
    static func state(_ state: ChatState) -> String {
        switch state {
        case .queued, .transferring: "waiting"
        case .active: "chatting"
        case .ended: "ended"
        }
    }

    private static func authored(_ text: String, id: Int, time: String, author: EventAuthor, names: LPNames) -> LPNode {
        switch author {
        case .agent(let agent): line(id: id, time: time, text: text, by: names.agent(agent), source: "agent")
        case .visitor: line(id: id, time: time, text: text, by: names.visitorName, source: "visitor")
        case .system: line(id: id, time: time, text: text, by: "info", source: "system")
        }
    }

    private static func stateEvent(id: Int, time: String, state: String) -> LPNode {
        .element(attributes: ["id": .number(Int64(id)), "type": .string("state")], ["time": .string(time), "state": .string(state)])
    }

    private static func line(
        id: Int, time: String, text: String, by: String, source: String, systemMessage: SystemMessage? = nil
    ) -> LPNode {
        .element(attributes: ["id": .number(Int64(id)), "type": .string("line")], [
            "time": .string(time),
            "textType": .string("plain"),
            "text": .string(text),
            "by": .string(by),
            "source": .string(source),
            "systemMessageId": systemMessage.map { .string($0.rawValue) },
            "subType": .string("REGULAR"),
        ])
    }
}

extension LPNode {
    /// This object with one field's value replaced.
    func replacing(_ key: String, with value: LPNode) -> LPNode {
        guard case .object(let fields) = self else { return self }
        return .object(fields.map { $0.key == key ? LPField(key, value, isAttribute: $0.isAttribute) : $0 })
    }
}
