import ChatCore
import Foundation
import Hummingbird

/// The account's agents as LivePerson lists them, for choosing whom to transfer a chat to.
extension LivePersonController {
    /// `availableAgents?chatState=Online&skill=Sales`: every agent (online or not, both filters
    /// optional) with its state, its limit of chats, the chats it holds and its skills.
    @Sendable func availableAgents(_ request: Request, context: Context) async throws -> Response {
        let (principal, links) = try await agentSession(request, context)
        let state = try request.uri.queryParameters["chatState"].map { wanted -> String in
            guard let state = ["Online", "Offline", "Away", "Occupied"].first(where: { $0.lowercased() == wanted.lowercased() }) else {
                throw APIError.invalidField("chatState", reason: "must be Online, Offline, Away or Occupied")
            }
            return state
        }
        let skill = request.uri.queryParameters["skill"].map(String.init)
        let departments = try await services.directory.departments()
        let loads = try await services.routing.loads()
        let agents = try await services.directory.agents(by: .principal(principal)).compactMap { agent -> LPNode? in
            let chatState = Self.availability(agent.status)["availability"]?["chat"]?.text ?? "Offline"
            let skills = departments.filter { agent.serves($0.id) }
            guard state.map({ $0 == chatState }) ?? true, skill.map({ name in skills.contains { $0.name == name } }) ?? true else { return nil }
            let maxChats = skills.map { settings.capacity.capacity(of: agent, in: $0) }.max() ?? agent.maxChats ?? settings.capacity.defaultMaxChats
            return .element(attributes: ["id": .number(LPNumbers.number(of: agent.id))], [
                "userName": .string(agent.email),
                "fullName": .string(agent.name),
                "nickname": .string(agent.name),
                "chatState": .string(chatState),
                "maxChats": .string(String(maxChats)),
                "chats": .string(String(loads[agent.id] ?? 0)),
                "skills": .fields(["skill": .array(skills.map { department in
                    .element(attributes: ["id": .number(department.id.rawValue)], ["name": .string(department.name)])
                })]),
            ])
        }
        return request.livePersonFormat.response(.document("availableAgents", .fields([
            "link": LPLinks.link("\(links.session)/availableAgents", "self"),
            "agents": .fields(["agent": .array(agents)]),
        ])))
    }
}
