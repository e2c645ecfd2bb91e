import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing
import VisitorInsight

/// The data sets, loaded once for every test that needs them (CI installs both packages).
/// A missing data set fails those tests, naming its package, rather than letting them pass
/// on the unknown device and country every visitor gets without it.
enum InstalledInsights {
    static let userAgents = Result { try UAPUserAgentParser(regexesAt: "/usr/share/uap-core/regexes.yaml") }
    static let locations = Result { try OfflineGeoLocator(ipv4At: "/usr/share/tor/geoip", ipv6At: "/usr/share/tor/geoip6") }

    static func loaded() throws -> VisitorInsights {
        let userAgents = try #require(try? userAgents.get(), "uap-core's rules are missing: apt-get install -y uap-core")
        let locations = try #require(try? locations.get(), "tor-geoipdb's ranges are missing: apt-get install -y tor-geoipdb")
        return VisitorInsights(userAgents: userAgents, locations: locations)
    }
}

@Suite("IPTP guest information", .timeLimit(.minutes(3)))
struct IPTPDescriptionTests {
    static let seedAgent = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:91.0) Gecko/20100101 Firefox/91.0"
    static let peruvianAddress = "132.251.2.247"

    static func describe(_ backend: TestBackend, trusting proxies: [String]) async throws -> (JSONValue, asGuest: TestResponse, path: String) {
        let overrides = ParleyServices.Overrides(insights: try InstalledInsights.loaded(), captchaDrawing: KnownCaptcha())
        let result = Box<(JSONValue, TestResponse, String)?>(nil)
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.trustedProxies = proxies.compactMap(AddressRange.init) }, overrides: overrides) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            _ = try await world.agentToken("nick@example.com", departments: [live.id], admin: admin)
            let guest = try await world.createGuest(department: live.id, headers: [
                .userAgent: seedAgent, .acceptLanguage: "en-US,en;q=0.5", HTTPField.Name("X-Forwarded-For")!: peruvianAddress,
            ])
            let chat = try #require(guest["chatId"]?.string)
            let agent = try await world.xmLogin("nick@example.com")
            let response = try await world.client.execute(
                uri: "/xm/api/chats/\(chat)/description", method: .post,
                headers: [IPTPTestHeaders.agentToken: agent, .contentType: "application/json"], body: nil
            )
            #expect(response.status == .ok)
            let asGuest = try await world.call(.post, "/xm/api/chats/\(chat)/description", token: try #require(guest["access_token"]?.string))
            result.value = (try JSONValue(data: Data(buffer: response.body)), asGuest, "/xm/api/chats/\(chat)/description")
        }
        return try #require(result.value)
    }

    @Test(arguments: TestBackend.available)
    func agentsReadTheGuestInTheSeedsShape(_ backend: TestBackend) async throws {
        let (description, asGuest, path) = try await Self.describe(backend, trusting: ["127.0.0.1", "::1"])
        #expect(description.shapeDifferences(from: try SeedFixture.json("IPTP", "description.json")) == [])
        #expect(description["subject"]?.string == "Live assistance: Tester2 [#1]")
        #expect(description["liveAssistance"] == .bool(true) && description["partner"] == .null)
        #expect(description["members"]?.array?.count == 1)
        let guest = try #require(description["guest"])
        #expect(guest["userAgent"]?.string == Self.seedAgent)
        #expect(guest["ipAddress"]?.string == Self.peruvianAddress)
        #expect(guest["language"]?.string == "en-US,en;q=0.5")
        #expect(guest["browser"]?.string == "Firefox" && guest["browserMajorVersion"]?.string == "91")
        #expect(guest["platform"]?.string == "Ubuntu" && guest["platformVersion"]?.string == "Unknown")
        #expect(guest["deviceType"]?.string == "Desktop")
        #expect(guest["country"]?.string == "Peru" && guest["continent"]?.string == "South America" && guest["flag"]?.string == "🇵🇪")
        #expect(guest["sourceUrl"]?.string == "https://www.example.com/best-path/")
        asGuest.expectError(.iptp(path: path), .forbidden, code: "forbidden")
    }

    @Test(arguments: TestBackend.available)
    func aForgedForwardedForFromAnUntrustedPeerIsIgnored(_ backend: TestBackend) async throws {
        #expect(try InstalledInsights.locations.get().locate(Self.peruvianAddress)?.countryCode == "PE",
                "the forged address would be located, so its absence below is the proxy rule's doing")
        let (description, _, _) = try await Self.describe(backend, trusting: [])
        let guest = try #require(description["guest"])
        #expect(["127.0.0.1", "::1"].contains(guest["ipAddress"]?.string ?? ""), "the peer's own address is recorded")
        #expect(guest["country"] == .null, "a loopback peer has no country")
        #expect(guest["browser"]?.string == "Firefox", "the data sets were loaded")
    }
}
