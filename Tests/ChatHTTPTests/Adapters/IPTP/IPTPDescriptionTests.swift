import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import VisitorInsight

/// The data sets, loaded once for every test that needs them (CI installs both packages).
enum InstalledInsights {
    static let loaded = VisitorInsights(
        userAgents: try? UAPUserAgentParser(regexesAt: "/usr/share/uap-core/regexes.yaml"),
        locations: try? OfflineGeoLocator(ipv4At: "/usr/share/tor/geoip", ipv6At: "/usr/share/tor/geoip6")
    )
}

@Suite("IPTP guest information")
struct IPTPDescriptionTests {
    static let overrides = ParleyServices.Overrides(insights: InstalledInsights.loaded, captchaDrawing: KnownCaptcha())
    static let seedAgent = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:91.0) Gecko/20100101 Firefox/91.0"

    static func describe(trusting proxies: [String]) async throws -> (JSONValue, guestStatus: HTTPResponse.Status) {
        let result = Box<(JSONValue, HTTPResponse.Status)?>(nil)
        try await TestWorld.run(.sqlite, .ahc(.http), configure: { $0.trustedProxies = proxies.compactMap(AddressRange.init) }, overrides: overrides) { world in
            let admin = try await world.adminToken()
            let live = try await world.createDepartment("Live assistance", admin: admin)
            _ = try await world.agentToken("nick@example.com", departments: [live.id], admin: admin)
            let guest = try await world.createGuest(department: live.id, headers: [
                .userAgent: seedAgent, .acceptLanguage: "en-US,en;q=0.5", HTTPField.Name("X-Forwarded-For")!: "132.251.2.247",
            ])
            let chat = try #require(guest["chatId"]?.string)
            let agent = try await world.xmLogin("nick@example.com")
            let response = try await world.client.execute(
                uri: "/xm/api/chats/\(chat)/description", method: .post,
                headers: [IPTPTestHeaders.agentToken: agent, .contentType: "application/json"], body: nil
            )
            #expect(response.status == .ok)
            let asGuest = try await world.call(.post, "/xm/api/chats/\(chat)/description", token: try #require(guest["access_token"]?.string))
            result.value = (try JSONValue(data: Data(buffer: response.body)), asGuest.status)
        }
        return try #require(result.value)
    }

    @Test func agentsReadTheGuestInTheSeedsShape() async throws {
        let (description, guestStatus) = try await Self.describe(trusting: ["127.0.0.1", "::1"])
        #expect(description.shapeDifferences(from: try SeedFixture.json("IPTP", "description.json")) == [])
        #expect(description["subject"]?.string == "Live assistance: Tester2 [#1]")
        #expect(description["liveAssistance"] == .bool(true) && description["partner"] == .null)
        #expect(description["members"]?.array?.count == 1)
        let guest = try #require(description["guest"])
        #expect(guest["userAgent"]?.string == Self.seedAgent)
        #expect(guest["ipAddress"]?.string == "132.251.2.247")
        #expect(guest["language"]?.string == "en-US,en;q=0.5")
        #expect(guest["browser"]?.string == "Firefox" && guest["browserMajorVersion"]?.string == "91")
        #expect(guest["platform"]?.string == "Ubuntu" && guest["platformVersion"]?.string == "Unknown")
        #expect(guest["deviceType"]?.string == "Desktop")
        #expect(guest["country"]?.string == "Peru" && guest["continent"]?.string == "South America" && guest["flag"]?.string == "🇵🇪")
        #expect(guest["sourceUrl"]?.string == "https://www.example.com/best-path/")
        #expect(guestStatus == .forbidden, "guests may not read guest information")
    }

    @Test func aForgedForwardedForFromAnUntrustedPeerIsIgnored() async throws {
        let (description, _) = try await Self.describe(trusting: [])
        let guest = try #require(description["guest"])
        #expect(guest["ipAddress"]?.string != "132.251.2.247")
        #expect(guest["country"] == .null, "a loopback peer has no country")
    }
}
