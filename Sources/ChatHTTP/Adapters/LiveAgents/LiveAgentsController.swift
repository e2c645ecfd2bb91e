import ChatCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The Live Agents mediator's API (`/live-agents`), as a RapidPro flow calls it: it hands a
/// contact of its channel to a department (`registerClient`), passes on the contact's lines
/// (`sendMessageToAgent`), closes the contact's session, and asks whether a project's country is
/// open (`day-status`). `sendMessageToClient` takes Rocket.Chat's Omnichannel webhook, for
/// agents who still work in that desk. Every answer is the mediator's envelope.
struct LiveAgentsController {
    let channels: ChannelService
    /// The shared secret; nil turns the face off.
    let token: String?
    let limits: HTTPLimits

    func addRoutes(to router: Router<ParleyRequestContext>) {
        let face = router.group("live-agents").add(middleware: ErrorMiddleware(naming: Self.fieldName, render: Self.error))
        face.post("registerClient", use: registerClient)
        face.post("sendMessageToAgent", use: sendMessageToAgent)
        face.post("sendMessageToClient", use: sendMessageToClient)
        face.delete("session/user/:userid", use: deleteSession)
    }

    @Sendable func registerClient(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        var request = request
        try authorize(request)
        let body = try await request.decodeJSON(LiveAgentsWire.RegisterClient.self, limit: limits.maxBodyBytes)
        _ = try await channels.register(ChannelRegistration(
            contactID: body.contact.uuid, name: body.contact.name, urn: body.contact.urn, mongoID: body.contact.mongoid,
            department: body.department.text, results: body.results?.variables ?? [],
            recentConversation: body.recentConversation?.lines ?? []
        ))
        return LiveAgentsWire.success
    }

    @Sendable func sendMessageToAgent(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        var request = request
        try authorize(request)
        let body = try await request.decodeJSON(LiveAgentsWire.SendMessageToAgent.self, limit: limits.maxBodyBytes)
        try await channels.post(body.results.clientmessage.text, from: body.contact.uuid)
        return LiveAgentsWire.success
    }

    /// Rocket.Chat's webhook: `Message` relays each agent text or file to the contact,
    /// `LivechatSessionTaken` tells Parley's agents someone took it, `LivechatSession` ends
    /// the chat; other types are accepted and ignored.
    @Sendable func sendMessageToClient(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        var request = request
        try authorize(request, acceptingRocketChatHeader: true)
        let body = try await request.decodeJSON(RocketChatWebhook.self, limit: limits.maxBodyBytes)
        switch body.type {
        case "Message":
            try await channels.relay(try body.textsForTheContact(), to: body.visitor.token)
        case "LivechatSessionTaken":
            try await channels.recordTakenElsewhere(contact: body.visitor.token, by: body.agent?.displayName)
        case "LivechatSession":
            try await channels.endChat(of: body.visitor.token)
        default:
            break
        }
        return LiveAgentsWire.success
    }

    /// Ends the contact's chat and deletes its session; a second call finds nothing (404).
    @Sendable func deleteSession(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        try authorize(request)
        try await channels.endSession(of: try context.parameters.required("userid"))
        return LiveAgentsWire.success
    }

    /// `Authorization: Token <secret>` (as RapidPro's webhooks send headers), or on the
    /// Rocket.Chat webhook its own `X-RocketChat-Livechat-Token`. Compared in constant time.
    private func authorize(_ request: Request, acceptingRocketChatHeader: Bool = false) throws {
        guard let token else { throw Self.faceOff }
        var offered: [String] = []
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "token" { offered.append(String(parts[1])) }
        }
        if acceptingRocketChatHeader, let header = request.headers[Self.rocketChatToken] {
            offered.append(header)
        }
        let expected = SHA256.hash(data: Data(token.utf8))
        guard offered.contains(where: { SHA256.hash(data: Data($0.utf8)) == expected }) else {
            throw APIError(status: .unauthorized, code: "unauthenticated", message: "A valid token is required: send Authorization: Token <secret>.")
        }
    }

    static let rocketChatToken = HTTPField.Name("X-RocketChat-Livechat-Token")!

    static let faceOff = APIError(
        status: .serviceUnavailable, code: "face_off",
        message: "The Live Agents API is off on this server: set PARLEY_LIVE_AGENTS_TOKEN to turn it on."
    )

    @Sendable static func error(_ report: ErrorReport, _ request: Request) -> Response {
        var response = LiveAgentsWire.envelope(report.status, report.message)
        response.headers.append(contentsOf: report.headers)
        return response
    }

    @Sendable static func fieldName(_ field: ChatField) -> String {
        switch field {
        case .messageText: "results.clientmessage.value"
        case .name: "contact.name"
        default: field.nativeName
        }
    }
}
