import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

@Suite("Comm100 agents face", .timeLimit(.minutes(3)))
struct Comm100AgentsTests {
    static func oauth(_ world: TestWorld, _ form: String) async throws -> TestResponse {
        try await world.client.execute(
            uri: "/oauth/token", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: form)
        )
    }

    @Test(arguments: TestBackend.available)
    func agentsLogInWithThePasswordGrantAndRotateWithTheRefreshGrant(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.tokens.refreshReuseGrace = .zero }) { world in
            _ = try await world.adminToken()
            let login = try await Self.oauth(world, "grant_type=password&username=\(TestWorld.adminEmail)&password=correct+horse+battery")
            #expect(login.status == .ok)
            let token = try JSONValue(data: Data(buffer: login.body))
            #expect(token.keys == ["access_token", "token_type", "expires_in", "refresh_token"])
            let refresh = try #require(token["refresh_token"]?.string)
            #expect(try await Self.oauth(world, "grant_type=refresh_token&refresh_token=\(refresh)").status == .ok)
            try await Self.oauth(world, "grant_type=refresh_token&refresh_token=\(refresh)").expectError(.oauth, .badRequest, code: "invalid_grant")
            try await Self.oauth(world, "grant_type=password&username=\(TestWorld.adminEmail)&password=nope")
                .expectError(.oauth, .badRequest, code: "invalid_grant")
            try await Self.oauth(world, "grant_type=client_credentials").expectError(.oauth, .badRequest, code: "unsupported_grant_type")
        }
    }

    @Test(arguments: TestBackend.available)
    func agentStatusesInTheSeedsShapeWithCustomAwayStatuses(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
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

            try await world.call(.put, "/livechat/agents/\(ann)", token: team.agents["ann"], json: ["status": "offline"])
                .expectError(.comm100, .unprocessableContent, code: "invalid_field")
            try await world.call(.put, "/livechat/agents/\(team.ids["bob"]!)", token: team.agents["ann"], json: ["status": "away"])
                .expectError(.comm100, .forbidden, code: "forbidden")
            try await world.call(.get, "/livechat/agents/unknown", token: team.admin).expectError(.comm100, .notFound, code: "agent_not_found")
            try await world.call(.get, "/livechat/agents").expectError(.comm100, .unauthorized, code: "unauthenticated")

            _ = try await world.startChat(department: team.department)
            let one = try JSONValue(data: Data(buffer: try await world.call(.get, "/livechat/agents/\(ann)", token: team.admin).body))
            #expect(one["ongoingChats"]?.number == 1, "the offer counts as an ongoing chat")
        }
    }
}
