import ChatCore
import ChatHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Every chat write goes through the chat log", .timeLimit(.minutes(2)))
struct CommitSeamTests {
    /// Starts, offers, declines, joins, sends (and retries), notes, transfers, lets an offer time
    /// out, closes and abandons chats through the app: an observer of the chat log sees exactly
    /// the events stored, each batch once, the retry adding nothing.
    @Test(arguments: TestBackend.available)
    func anObserverSeesEveryEventTheAppStoresAndNothingElse(_ backend: TestBackend) async throws {
        let observer = RecordingChatObserver()
        try await TestWorld.run(backend, overrides: ParleyServices.Overrides(chatObservers: [observer])) { world in
            let team = try await RoutingTests.team(world, ["ann", "bob"])
            _ = try await RoutingTests.setStatus(world, team, "ann", "online")
            _ = try await RoutingTests.setStatus(world, team, "bob", "away")
            let first = try await world.startChat(department: team.department)
            let chat = first.chat.id
            #expect(try await world.call(.post, "/v1/chats/\(chat)/decline", token: team.agents["ann"]).status == .noContent)
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: team.agents["ann"])
            let line = Wire.Message(text: "Are you there?", clientMessageId: "m-1")
            let sent = try await world.expect(.created, Wire.Event.self, .post, "/v1/chats/\(chat)/messages", token: first.credentials.accessToken, json: line)
            let retried = try await world.expect(.ok, Wire.Event.self, .post, "/v1/chats/\(chat)/messages", token: first.credentials.accessToken, json: line)
            #expect(retried == sent)
            _ = try await world.expect(.created, Wire.Event.self, .post, "/v1/chats/\(chat)/notes", token: team.agents["ann"], json: ["text": "VIP"])
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/transfer", token: team.agents["ann"],
                                       json: Wire.Transfer(agentId: team.ids["bob"], departmentId: nil, note: "Yours"))
            let second = try await world.startChat(department: team.department)
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(second.chat.id)/close", token: second.credentials.accessToken)
            world.clock.advance(by: world.config.routing.offerTimeout + .seconds(1))
            try await world.services.routing.expireOffers()
            world.clock.advance(by: world.config.limits.visitorInactivityTimeout * 2)
            try await world.services.chats.endAbandonedChats()

            let batches = observer.seen
            #expect(batches.allSatisfy { !$0.isEmpty && Set($0.map(\.chatID)).count == 1 }, "one chat per batch, never an empty one")
            for id in [ChatID(chat), ChatID(second.chat.id)] {
                let stored = try await world.services.storage.events(of: id, page: .after(nil, limit: 500))
                #expect(batches.joined().filter { $0.chatID == id } == stored, "every event of chat \(id) seen once, in order")
            }
            let bodies = batches.joined().map(\.body)
            let ann = AgentID(try #require(team.ids["ann"]))
            let bob = AgentID(try #require(team.ids["bob"]))
            for expected: EventBody in [
                .offered(ann), .offerWithdrawn(ann, .declined), .joined, .note("VIP"), .offerWithdrawn(bob, .timedOut),
                .notice(.visitorLeft), .stateChanged(.ended),
            ] {
                #expect(bodies.contains(expected), "the flow went through \(expected)")
            }
        }
    }
}
