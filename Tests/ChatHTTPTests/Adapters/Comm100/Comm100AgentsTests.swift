import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Comm100 agents face")
struct Comm100AgentsTests {
    static func oauth(_ world: TestWorld, _ form: String) async throws -> (HTTPResponse.Status, JSONValue) {
        let response = try await world.client.execute(
            uri: "/oauth/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: form)
        )
        return (response.status, try JSONValue(data: Data(buffer: response.body)))
    }

    @Test func agentsLogInWithThePasswordGrantAndRotateWithTheRefreshGrant() async throws {
        try await TestWorld.run(configure: { $0.tokens.refreshReuseGrace = .zero }) { world in
            _ = try await world.adminToken()
            let (status, token) = try await Self.oauth(world, "grant_type=password&username=\(TestWorld.adminEmail)&password=correct+horse+battery")
            #expect(status == .ok)
            #expect(token.keys == ["access_token", "token_type", "expires_in", "refresh_token"])
            let refresh = try #require(token["refresh_token"]?.string)
            let (renewed, _) = try await Self.oauth(world, "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(renewed == .ok)
            let (reused, error) = try await Self.oauth(world, "grant_type=refresh_token&refresh_token=\(refresh)")
            #expect(reused == .badRequest && error["error"]?.string == "invalid_grant")
            let (wrong, _) = try await Self.oauth(world, "grant_type=password&username=\(TestWorld.adminEmail)&password=nope")
            #expect(wrong == .badRequest)
            let (unsupported, kind) = try await Self.oauth(world, "grant_type=client_credentials")
            #expect(unsupported == .badRequest && kind["error"]?.string == "unsupported_grant_type")
        }
    }

    @Test func agentStatusesInTheSeedsShapeWithCustomAwayStatuses() async throws {
        try await TestWorld.run { world in
            let team = try await RoutingTests.team(world, ["ann", "bob"])
            _ = try await world.expect(.created, Wire.List<String>.self, .post, "/v1/away-statuses", token: team.admin, json: ["name": "Meeting"])
            let ann = try #require(team.ids["ann"])

            let listed = try JSONValue(data: Data(buffer: try await world.call(.get, "/livechat/agents", token: team.agents["ann"]).body))
            let first = try #require(listed.array?.first)
            #expect(first.keys == ["id", "status", "ongoingChats"])
            #expect(listed.array?.compactMap { $0["status"]?.string }.allSatisfy { $0 == "Offline" } == true)

            let meeting = try await world.call(.put, "/livechat/agents/\(ann)", token: team.agents["ann"], json: ["id": ann, "status": "meeting"])
            #expect(meeting.status == .ok)
            let body = try JSONValue(data: Data(buffer: meeting.body))
            #expect(body["status"]?.string == "Meeting" && body["id"]?.string == ann && body["ongoingChats"]?.number == 0)

            let online = try JSONValue(data: Data(buffer: try await world.call(.put, "/livechat/agents/\(ann)", token: team.admin, json: ["status": "online"]).body))
            #expect(online["status"]?.string == "Online")

            let refused = try await world.call(.put, "/livechat/agents/\(ann)", token: team.agents["ann"], json: ["status": "offline"])
            #expect(refused.status == .unprocessableContent)
            #expect(try JSONValue(data: Data(buffer: refused.body))["code"]?.string == "invalid_field")
            let otherAgent = try await world.call(.put, "/livechat/agents/\(team.ids["bob"]!)", token: team.agents["ann"], json: ["status": "away"])
            #expect(otherAgent.status == .forbidden)
            #expect(try await world.call(.get, "/livechat/agents/unknown", token: team.admin).status == .notFound)
            #expect(try await world.call(.get, "/livechat/agents").status == .unauthorized)

            _ = try await world.startChat(department: team.department)
            let one = try JSONValue(data: Data(buffer: try await world.call(.get, "/livechat/agents/\(ann)", token: team.admin).body))
            #expect(one["ongoingChats"]?.number == 1, "the offer counts as an ongoing chat")
        }
    }
}
