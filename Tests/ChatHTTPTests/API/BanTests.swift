import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

/// Address bans keep visitors from starting chats, at the edges of each kind of range, on
/// every face that starts chats.
@Suite("Bans at chat start", .timeLimit(.minutes(3)))
struct BanTests {
    /// Expects every address of `refused` to be turned away with the native `banned` error, and
    /// every one of `allowed` to start a chat.
    static func check(_ world: TestWorld, department: Int64, refused: [String], allowed: [String]) async throws {
        for address in refused {
            let response = try await world.startChat(department: department, from: address)
            response.expectError(.native(), .forbidden, code: "banned")
            let error = try JSONDecoder().decode(Wire.ErrorEnvelope.self, from: Data(buffer: response.body)).error
            #expect(error.message == "You cannot start a chat from here.", "\(address)")
        }
        for address in allowed {
            let response = try await world.startChat(department: department, from: address)
            #expect(response.status == .created, "\(address): \(String(buffer: response.body))")
        }
    }

    @Test(arguments: TestBackend.available)
    func aCIDRBanRefusesItsFirstAndLastAddressAndAllowsItsNeighbours(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: TestWorld.behindProxy) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let ban = try await world.ban(Wire.NewBan(addresses: "192.0.2.77/24", reason: "Spam"), admin: admin)
            #expect(ban.addresses == "192.0.2.0/24" && ban.reason == "Spam" && ban.visitorId == nil, "host bits name the network")
            try await Self.check(world, department: sales.id, refused: ["192.0.2.0", "192.0.2.255"], allowed: ["192.0.1.255", "192.0.3.0"])
        }
    }

    @Test(arguments: TestBackend.available)
    func aSpanBanRefusesBothEndsAndAllowsTheAddressesBeyond(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: TestWorld.behindProxy) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            _ = try await world.ban(Wire.NewBan(addresses: "198.51.100.10-198.51.100.20"), admin: admin)
            try await Self.check(
                world, department: sales.id, refused: ["198.51.100.10", "198.51.100.20"], allowed: ["198.51.100.9", "198.51.100.21"]
            )
        }
    }

    @Test(arguments: TestBackend.available)
    func anIPv6BlockBanHoldsItsEdges(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: TestWorld.behindProxy) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            _ = try await world.ban(Wire.NewBan(addresses: "2001:DB8::/32"), admin: admin)
            try await Self.check(
                world, department: sales.id,
                refused: ["2001:db8::", "[2001:db8:ffff:ffff:ffff:ffff:ffff:ffff]:443"],
                allowed: ["2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::"]
            )
        }
    }

    @Test(arguments: TestBackend.available)
    func aSingleAddressBanAlsoRefusesItsIPv4MappedForm(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: TestWorld.behindProxy) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            _ = try await world.ban(Wire.NewBan(addresses: "203.0.113.7"), admin: admin)
            try await Self.check(
                world, department: sales.id, refused: ["203.0.113.7", "::ffff:203.0.113.7"], allowed: ["203.0.113.6", "203.0.113.8"]
            )
        }
    }

    @Test(arguments: TestBackend.available)
    func liftingABanLetsTheAddressInAgain(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: TestWorld.behindProxy) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let ban = try await world.ban(Wire.NewBan(addresses: "203.0.113.0/24"), admin: admin)
            let twin = try await world.ban(Wire.NewBan(addresses: "203.0.113.0/24", reason: "Seen again"), admin: admin)
            try await Self.check(world, department: sales.id, refused: ["203.0.113.9"], allowed: [])

            #expect(try await world.call(.delete, "/v1/bans/\(ban.id)", token: admin).status == .noContent)
            try await Self.check(world, department: sales.id, refused: ["203.0.113.9"], allowed: [])
            #expect(try await world.call(.delete, "/v1/bans/\(twin.id)", token: admin).status == .noContent)
            try await Self.check(world, department: sales.id, refused: [], allowed: ["203.0.113.9"])
            try await world.expectError(.notFound, code: "ban_not_found", .delete, "/v1/bans/\(ban.id)", token: admin)
        }
    }

    @Test(arguments: TestBackend.available)
    func iptpGuestsAreRefusedInIPTPsShapeBeforeTheCaptchaIsUsedUp(_ backend: TestBackend) async throws {
        let overrides = ParleyServices.Overrides(captchaDrawing: KnownCaptcha())
        let configure = { (config: inout AppConfig) in
            TestWorld.behindProxy(&config)
            config.captcha.isRequired = true
        }
        try await TestWorld.run(backend, .ahc(.http), configure: configure, overrides: overrides) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            _ = try await world.ban(Wire.NewBan(addresses: "192.0.2.0/24"), admin: admin)
            let captcha = try await world.call(.get, "/xm/captcha")
            let id = try #require(try JSONValue(data: Data(buffer: captcha.body))["captchaId"]?.string)
            let body = try JSONSerialization.data(withJSONObject: [
                "name": "Tester", "email": "tester@example.com", "departmentId": sales.id, "message": "Hello",
            ] as [String: Any])
            func createGuest(from address: String) async throws -> TestResponse {
                try await world.client.execute(
                    uri: "/xm/guests?captchaId=\(id)&captcha=\(KnownCaptcha.answer.lowercased())", method: .post,
                    headers: [.contentType: "application/json", TestWorld.forwardedFor: address], body: ByteBuffer(bytes: body)
                )
            }
            try await createGuest(from: "192.0.2.1").expectError(.iptp(path: "/xm/guests"), .forbidden, code: "banned")
            #expect(try await createGuest(from: "192.0.3.1").status == .created, "the refused request left the captcha unused")
        }
    }
}
