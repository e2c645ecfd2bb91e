import ChatCore
import ChatHTTP
import Foundation
import ParleyTestSupport

extension Wire {
    struct NewWebhook: Codable {
        var url: String
        var events: [String]?
    }

    struct Webhook: Codable {
        let id: String
        let url: String
        let events: [String]
        let secret: String
        let enabled: Bool
        let disabledReason: String?
        let createdAt: String
    }

    struct DeadLetter: Codable {
        let id: String
        let destination: String
        let webhookId: String?
        let summary: String
        let reason: String?
        let attempts: Int
        let payload: String
    }
}

extension TestWorld {
    /// Settings for a test that sends to a stand-in: retries come after a millisecond of the
    /// test clock, and the sender looks for work every few milliseconds.
    static func fastOutbound(_ config: inout AppConfig) {
        config.outbound.sender.retry.base = .milliseconds(1)
        config.outbound.sender.pollInterval = .milliseconds(5)
        config.outbound.feederTick = .milliseconds(50)
    }

    /// Starts a chat for a new channel contact (registered through the store) and returns its id.
    func channelChat(department: Int64, contact uuid: String, message: String = "Hello from Messenger") async throws -> ChatID {
        let visitor = Visitor(id: VisitorID("v-\(uuid)"), name: "Carla Contact", email: "", profile: VisitorProfile(), createdAt: clock.now)
        let contact = ChannelContact(uuid: uuid, visitorID: visitor.id, urn: "facebook:\(uuid)", mongoID: nil, registeredAt: clock.now)
        let stored = try await services.storage.registerChannelContact(contact, as: visitor)
        let principal = Principal(session: SessionID("channel-\(uuid)"), role: .visitor(stored.visitorID))
        let started = try await services.chats.startChat(
            StartChatRequest(departmentID: DepartmentID(department), name: nil, email: nil, message: message), captcha: nil, as: principal
        )
        return started.chat.id
    }

    /// Waits until `condition` holds, moving the test clock on between looks so that retries fall due.
    func waitForDeliveries(_ what: String, _ condition: @Sendable () async throws -> Bool) async throws {
        try await waitUntil(what, within: .seconds(20)) {
            if try await condition() { return true }
            clock.advance(by: .milliseconds(100))
            return false
        }
    }
}
