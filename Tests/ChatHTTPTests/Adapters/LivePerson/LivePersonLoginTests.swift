import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("LivePerson login 1.2: one bearer, renewed by its csrf key", .timeLimit(.minutes(3)))
struct LivePersonLoginTests {
    static let login = "\(LPAgent.account)/login"

    static func login12(_ world: TestWorld, _ email: String) async throws -> (bearer: String, csrf: String, answer: JSONValue) {
        let response = try await world.call(.post, "\(login)?v=1.2", json: ["username": email, "password": TestWorld.password])
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        let answer = try JSONValue(data: Data(buffer: response.body))
        return (try #require(answer["bearer"]?.string), try #require(answer["csrf"]?.string), answer)
    }

    static func works(_ world: TestWorld, _ bearer: String) async throws -> Bool {
        let opened = try await world.call(.post, "\(LPAgent.account)/agentSession.json?v=1&NC=true", token: bearer, json: ["loginData": ""])
        return opened.status == .created
    }

    static func refresh(_ world: TestWorld, _ csrf: String) async throws -> TestResponse {
        try await world.call(.post, "\(LPAgent.account)/refresh?v=1.2", json: ["csrf": csrf])
    }

    @Test(arguments: TestBackend.available)
    func loginAnswersCsrfAndTheServicesDomains(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.publicURL = "https://chat.example.com" }) { world in
            _ = try await RoutingTests.team(world, ["ann"])
            let (bearer, csrf, answer) = try await Self.login12(world, "ann@example.com")
            #expect(bearer != csrf && csrf.count == 64)
            #expect(answer["sessionTTl"]?.string == "1800")
            let domains = try #require(answer["csdsCollectionResponse"]?["baseURIs"]?.array)
            #expect(domains.first { $0["service"]?.string == "agentVep" }?["baseURI"]?.string == "chat.example.com")
            #expect(domains.allSatisfy { $0["account"]?.string == "1" && $0["baseURI"]?.string == "chat.example.com" })
            let services = Set(domains.compactMap { $0["service"]?.string })
            #expect(services.isSuperset(of: ["agentVep", "adminArea", "liveEngage", "leDataReporting"]))

            // Without v=1.2 the answer is the bearer alone, as before.
            let plain = try await world.call(.post, "\(Self.login)?v=1&NC=true", json: ["username": "ann@example.com", "password": TestWorld.password])
            #expect(try JSONValue(data: Data(buffer: plain.body)).keys == ["bearer"])
            // A wrong password is refused on 1.2 too.
            try await world.call(.post, "\(Self.login)?v=1.2", json: ["username": "ann@example.com", "password": "wrong"])
                .expectError(.livePerson, .unauthorized, code: "invalid_credentials")
        }
    }

    /// The bearer outlives the access-token lifetime while it is refreshed, stays the same
    /// string, dies when left idle, and never lives past the longest life.
    @Test(arguments: TestBackend.available)
    func refreshKeepsTheSameBearerAliveWithinBounds(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, configure: { $0.tokens.renewableMaxLifetime = .seconds(3600) }) { world in
            _ = try await RoutingTests.team(world, ["ann", "bob"])
            let (bearer, csrf, _) = try await Self.login12(world, "ann@example.com")
            for _ in 1...2 {
                world.clock.advance(by: .seconds(20 * 60))
                let refreshed = try await Self.refresh(world, csrf)
                #expect(refreshed.status == .ok)
                #expect(try JSONValue(data: Data(buffer: refreshed.body))["sessionTTl"]?.string == "1800")
            }
            // 40 minutes on: past the 15 minutes of an access token and the 30 idle ones.
            #expect(try await Self.works(world, bearer))

            try await Self.refresh(world, "not-the-key").expectError(.livePerson, .unauthorized, code: "invalid_session_key")
            try await world.call(.post, "\(LPAgent.account)/refresh?v=1.2", json: ["other": "x"])
                .expectError(.livePerson, .unprocessableContent, code: "invalid_field")

            // Refreshed up to the longest life (an hour here), no further.
            world.clock.advance(by: .seconds(19 * 60))
            #expect(try await Self.refresh(world, csrf).status == .ok)
            world.clock.advance(by: .seconds(2 * 60))
            #expect(try await !Self.works(world, bearer))

            // Left idle, a bearer dies, and its key cannot bring it back.
            let (idle, idleKey, _) = try await Self.login12(world, "bob@example.com")
            world.clock.advance(by: .seconds(31 * 60))
            #expect(try await !Self.works(world, idle))
            try await Self.refresh(world, idleKey).expectError(.livePerson, .unauthorized, code: "invalid_session_key")
        }
    }

    @Test(arguments: TestBackend.available)
    func logoutEndsTheBearerOnlyWithItsKey(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            _ = try await RoutingTests.team(world, ["ann"])
            let (bearer, csrf, _) = try await Self.login12(world, "ann@example.com")
            try await world.call(.post, "\(LPAgent.account)/logout?v=1.2", json: ["csrf": String(csrf.reversed())])
                .expectError(.livePerson, .unauthorized, code: "invalid_session_key")
            #expect(try await Self.works(world, bearer))

            #expect(try await world.call(.post, "\(LPAgent.account)/logout?v=1.2", json: ["csrf": csrf]).status == .ok)
            #expect(try await !Self.works(world, bearer))
            try await Self.refresh(world, csrf).expectError(.livePerson, .unauthorized, code: "invalid_session_key")
            try await world.call(.post, "\(LPAgent.account)/logout?v=1.2", json: ["csrf": csrf])
                .expectError(.livePerson, .unauthorized, code: "invalid_session_key")
        }
    }
}
