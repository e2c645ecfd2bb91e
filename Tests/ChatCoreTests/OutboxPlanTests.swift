import ChatCore
import Foundation
import Testing

/// What a chat event sends where, how a long line is cut for a channel, and when a failed
/// delivery is tried again.
@Suite("Outbox planning")
struct OutboxPlanTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let chat = Chat(
        id: ChatID("c1"), number: 7, departmentID: DepartmentID(1), visitorID: VisitorID("v1"), state: .active, agentID: AgentID("a1"),
        offer: nil, nextEventID: 5, createdAt: now, updatedAt: now
    )
    static let contact = ChannelContact(uuid: "contact-1", visitorID: VisitorID("v1"), urn: nil, mongoID: nil, registeredAt: now)

    static func event(_ body: EventBody, by author: EventAuthor, id: Int = 3) -> ChatEvent {
        ChatEvent(chatID: chat.id, id: id, cursor: EventCursor(Int64(id)), author: author, body: body, clientMessageID: nil, createdAt: now)
    }

    @Test func aLineIsCutAtTheLastWhitespaceWithinTheLimit() {
        #expect(ChannelText.chunks("short line") == ["short line"])
        #expect(ChannelText.chunks("   ") == [])
        #expect(ChannelText.chunks("aaaa bbbb cccc", limit: 9) == ["aaaa bbbb", "cccc"], "a space right after the limit still ends the chunk")
        #expect(ChannelText.chunks("aaaa bbbb cccc", limit: 8) == ["aaaa", "bbbb", "cccc"])
        #expect(ChannelText.chunks("abcdefghij klm", limit: 4) == ["abcd", "efgh", "ij", "klm"], "a word longer than the limit is cut at it")
        let long = String(repeating: "word ", count: 200)
        let chunks = ChannelText.chunks(long)
        #expect(chunks.allSatisfy { $0.count <= ChannelText.maxCharacters })
        #expect(chunks.joined(separator: " ") == long.trimmingCharacters(in: .whitespaces), "no character is lost")
        #expect(ChannelText.chunks(String(repeating: "é", count: 641)).map(\.count) == [640, 1], "characters, not bytes")
    }

    @Test func onlyAnAgentsLinesInAChannelChatGoToTheChannel() {
        let endpoints: [WebhookEndpoint] = []
        let agentLine = OutboxPlan.deliveries(for: Self.event(.message("Hi"), by: .agent(AgentID("a1"))), in: Self.chat, recipient: ChannelRecipient(contact: Self.contact, project: nil), endpoints: endpoints)
        #expect(agentLine.map(\.payload) == [#"{"contact":"contact-1","text":"Hi"}"#])
        #expect(agentLine.map(\.lane) == ["channel:contact-1"] && agentLine.first?.destination == .channel(project: nil))
        for (body, author) in [(EventBody.note("psst"), EventAuthor.agent(AgentID("a1"))), (.message("Hello"), .visitor(VisitorID("v1"))),
                               (.stateChanged(.ended), .system), (.notice(.visitorLeft), .system)] {
            #expect(OutboxPlan.deliveries(for: Self.event(body, by: author), in: Self.chat, recipient: ChannelRecipient(contact: Self.contact, project: nil), endpoints: endpoints).isEmpty)
        }
        #expect(OutboxPlan.deliveries(for: Self.event(.message("Hi"), by: .agent(AgentID("a1"))), in: Self.chat, recipient: nil, endpoints: endpoints).isEmpty,
                "a chat whose visitor is no channel contact sends nothing to the channel")
    }

    @Test func webhooksGetTheTypesTheyWantInALanePerChat() throws {
        let all = WebhookEndpoint(id: WebhookEndpointID("all"), url: "https://a.example", events: [], secret: "whsec_AA==", isEnabled: true,
                                  disabledReason: nil, createdAt: Self.now)
        var ends = all
        ends.id = WebhookEndpointID("ends")
        ends.events = [.chatEnded]
        var off = all
        off.id = WebhookEndpointID("off")
        off.isEnabled = false
        let opening = OutboxPlan.deliveries(for: Self.event(.stateChanged(.queued), by: .system, id: 0), in: Self.chat, recipient: nil, endpoints: [all, ends, off])
        #expect(opening.map(\.summary) == ["chat.started", "chat.queued"])
        #expect(Set(opening.map(\.lane)) == ["webhook:all:c1"])
        let ended = OutboxPlan.deliveries(for: Self.event(.stateChanged(.ended), by: .system), in: Self.chat, recipient: nil, endpoints: [all, ends, off])
        #expect(ended.map(\.destination) == [.webhook(WebhookEndpointID("all")), .webhook(WebhookEndpointID("ends"))])
        let note = OutboxPlan.deliveries(for: Self.event(.note("psst"), by: .agent(AgentID("a1"))), in: Self.chat, recipient: nil, endpoints: [all])
        #expect(note.isEmpty, "notes stay among agents")

        let line = try #require(OutboxPlan.deliveries(for: Self.event(.message("Hi"), by: .agent(AgentID("a1"))), in: Self.chat, recipient: nil, endpoints: [all]).first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(line.payload.utf8)) as? [String: Any])
        #expect(body["type"] as? String == "message.created")
        #expect(body["timestamp"] as? String == "2023-11-14T22:13:20.000Z")
        let data = try #require(body["data"] as? [String: Any])
        #expect(data["chatId"] as? String == "c1" && data["agentId"] as? String == "a1" && data["visitorId"] as? String == "v1")
        let message = try #require(data["message"] as? [String: Any])
        #expect(message["text"] as? String == "Hi" && message["authorKind"] as? String == "agent" && message["id"] as? Int == 3)
    }

    /// An edit or a deletion tells webhooks, never the channel: a line already sent by SMS cannot be unsent.
    @Test func editsAndDeletionsGoToWebhooksAndNeverToTheChannel() throws {
        let all = WebhookEndpoint(id: WebhookEndpointID("all"), url: "https://a.example", events: [], secret: "whsec_AA==", isEnabled: true,
                                  disabledReason: nil, createdAt: Self.now)
        let recipient = ChannelRecipient(contact: Self.contact, project: nil)
        let agent = EventAuthor.agent(AgentID("a1"))
        let edited = OutboxPlan.deliveries(for: Self.event(.messageEdited(of: 3, text: "Fixed"), by: agent, id: 4), in: Self.chat, recipient: recipient, endpoints: [all])
        #expect(edited.map(\.summary) == ["message.updated"])
        let editDelivery = try #require(edited.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(editDelivery.payload.utf8)) as? [String: Any])
        let message = try #require((body["data"] as? [String: Any])?["message"] as? [String: Any])
        #expect(message["id"] as? Int == 3 && message["text"] as? String == "Fixed")
        let deleted = OutboxPlan.deliveries(for: Self.event(.messageDeleted(of: 3), by: agent, id: 5), in: Self.chat, recipient: recipient, endpoints: [all])
        #expect(deleted.map(\.summary) == ["message.deleted"])
        let deleteDelivery = try #require(deleted.first)
        let gone = try #require(try JSONSerialization.jsonObject(with: Data(deleteDelivery.payload.utf8)) as? [String: Any])
        #expect(((gone["data"] as? [String: Any])?["message"] as? [String: Any])?["text"] == nil)
    }

    @Test func retriesBackOffDoublingWithinTheCapAndHonourTheReceiversWish() {
        var policy = RetryPolicy()
        policy.base = .seconds(2)
        policy.cap = .seconds(60)
        #expect(policy.delay(afterAttempts: 1, retryAfter: nil, jitter: 1) == .seconds(2), "the first retry comes within 5 seconds")
        #expect(policy.delay(afterAttempts: 1, retryAfter: nil, jitter: 0) == .seconds(1))
        #expect(policy.delay(afterAttempts: 3, retryAfter: nil, jitter: 1) == .seconds(8))
        #expect(policy.delay(afterAttempts: 30, retryAfter: nil, jitter: 1) == .seconds(60))
        #expect(policy.delay(afterAttempts: 1, retryAfter: .seconds(30), jitter: 0) == .seconds(30))
        #expect(policy.delay(afterAttempts: 1, retryAfter: .seconds(3600), jitter: 0) == .seconds(60), "within the cap")
        policy.maxAttempts = 3
        #expect(!policy.givesUp(attempts: 2, createdAt: Self.now, at: Self.now))
        #expect(policy.givesUp(attempts: 3, createdAt: Self.now, at: Self.now))
        #expect(policy.givesUp(attempts: 1, createdAt: Self.now, at: Self.now.adding(policy.maxAge)))
    }

    @Test func onlyPublicAddressesAreWebhookHosts() {
        let refused = ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1",
                       "fd00::1", "::ffff:192.168.0.1", "::ffff:127.0.0.1"]
        for text in refused {
            #expect(!WebhookAddressPolicy.isPublic(IPAddressText.address(text)!), "\(text)")
        }
        for text in ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "8.8.8.8"] {
            #expect(WebhookAddressPolicy.isPublic(IPAddressText.address(text)!), "\(text)")
        }
    }
}
