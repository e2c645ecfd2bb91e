import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Comm100 visitors face", .timeLimit(.minutes(3)))
struct Comm100VisitorsTests {
    static let windowsChrome = "Mozilla/5.0 (Windows NT 6.3; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.75 Safari/537.36"
    static let peruvianAddress = IPTPDescriptionTests.peruvianAddress
    static let seedVariables = [Wire.Pair(name: "CARLZHOU222SHENTI", value: "11123123123", url: ""), .init(name: "fccc", value: "520", url: "")]

    /// The seed's sample, and the one field Comm100's table documents that its sample leaves out.
    static func expectedShape() throws -> JSONValue {
        var fields: [String: JSONValue] = [:]
        if case .object(let sample) = try SeedFixture.json("Comm100", "visitor.json") { fields = sample }
        try #require(fields.count == 29, "the seed's sample has 29 fields")
        fields["flashVersion"] = .string("")
        return .object(fields)
    }

    @Test(arguments: TestBackend.available)
    func aTrackedVisitorHasTheSeedsShapeAndOrderFilledFromItsConnection(_ backend: TestBackend) async throws {
        #expect(try InstalledInsights.locations.get().locate(Self.peruvianAddress)?.country == "Peru")
        let overrides = ParleyServices.Overrides(insights: try InstalledInsights.loaded())
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.trustedProxies = ["127.0.0.1", "::1"].compactMap(AddressRange.init) }, overrides: overrides) { world in
            let admin = try await world.adminToken()
            let tracked = try await world.trackVisitor(
                Wire.Track(
                    url: "https://shop.example.com/landing", referrer: "https://www.google.com/search?q=com",
                    screenResolution: "1680x1050", timeZone: "America/Lima", customVariables: Self.seedVariables
                ),
                headers: [.userAgent: Self.windowsChrome, .acceptLanguage: "en-US,en;q=0.5", HTTPField.Name("X-Forwarded-For")!: Self.peruvianAddress]
            )
            let response = try await world.call(.get, "/livechat/visitors", token: admin)
            #expect(response.status == .ok)
            let listed = try #require(try JSONValue(data: Data(buffer: response.body)).array)
            #expect(listed.count == 1)
            let visitor = try #require(listed.first)
            let expected = try Self.expectedShape()
            #expect(visitor.shapeDifferences(from: expected) == [])
            #expect(visitor["customVariableResults"]?.array?.first?.shapeDifferences(from: expected["customVariableResults"]!.array![0]) == [])

            let sampleOrder = JSONKeyOrder.topLevelKeys(of: try Data(contentsOf: SeedFixture.url("Comm100", "visitor.json")))
            let order = JSONKeyOrder.topLevelKeys(of: Data(buffer: response.body).dropFirst())
            #expect(order.filter { $0 != "flashVersion" } == sampleOrder, "the sample's fields come in the sample's order")

            #expect(visitor["id"]?.string == TestWorld.comm100GUID(tracked.id))
            #expect(visitor["status"]?.string == "inSite")
            #expect(visitor["browser"]?.string == "Chrome 86" && visitor["operatingSystem"]?.string == "Windows 8.1")
            #expect(visitor["screenResolution"]?.string == "1680x1050" && visitor["language"]?.string == "en-US")
            #expect(visitor["ip"]?.string == Self.peruvianAddress && visitor["country"]?.string == "Peru")
            #expect(visitor["state"]?.string == "" && visitor["city"]?.string == "", "the offline data knows countries only")
            #expect(visitor["timeZone"]?.string == "GMT -05:00")
            #expect(visitor["visits"]?.number == 1 && visitor["chats"]?.number == 0 && visitor["pageViews"]?.number == 1)
            #expect(visitor["landingPage"]?.string == "https://shop.example.com/landing")
            #expect(visitor["currentBrowsing"]?.string == "https://shop.example.com/landing")
            #expect(visitor["referrerUrl"]?.string == "https://www.google.com/search?q=com")
            #expect(visitor["searchEngine"]?.string == "Google" && visitor["searchKeywords"]?.string == "com")
            #expect(visitor["departmentId"]?.string == "00000000-0000-0000-0000-000000000000", "no chat, no department")
            #expect(visitor["flashVersion"]?.string == "" && visitor["customFields"]?.array == [])
            #expect(visitor["customVariableResults"] == expected["customVariableResults"])
            let stamp = try Regex(#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#)
            #expect((visitor["visitTime"]?.string ?? "").contains(stamp) && (visitor["firstVisitTime"]?.string ?? "").contains(stamp))
        }
    }

    @Test(arguments: TestBackend.available)
    func theGUIDItHandsOutFindsTheVisitorAsDoesTheParleyId(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let (tracked, _) = try await world.trackVisitor()
            #expect(tracked.id.count == 12, "Parley's visitor ids are 12 hex digits, which the GUID's last group holds")
            let listed = try #require(try await world.comm100Visitors(token: admin).first?["id"]?.string)
            #expect(listed == TestWorld.comm100GUID(tracked.id))
            #expect(try await world.comm100Visitor(listed, token: admin)["id"]?.string == listed)
            #expect(try await world.comm100Visitor(listed.uppercased(), token: admin)["id"]?.string == listed, "GUIDs are read in any case")
            #expect(try await world.comm100Visitor(tracked.id, token: admin)["id"]?.string == listed, "the plain Parley id is accepted")

            try await world.call(.get, "/livechat/visitors/00000000-0000-0000-0000-0123456789ab", token: admin)
                .expectError(.comm100, .notFound, code: "visitor_not_found")
            try await world.call(.get, "/livechat/visitors/3d59f909-24cd-43bc-89cb-00a320617c0a", token: admin)
                .expectError(.comm100, .notFound, code: "visitor_not_found")
            try await world.call(.put, "/livechat/visitors/00000000-0000-0000-0000-0123456789ab", token: admin, json: [["name": "a"]])
                .expectError(.comm100, .notFound, code: "visitor_not_found")
        }
    }

    @Test(arguments: TestBackend.available)
    func visitorsTokensAreRefusedAndAnonymousCallersAskedToLogIn(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            _ = try await world.adminToken()
            let (overview, token) = try await world.trackVisitor()
            let guid = TestWorld.comm100GUID(overview.id)
            try await world.call(.get, "/livechat/visitors", token: token).expectError(.comm100, .forbidden, code: "forbidden")
            try await world.call(.get, "/livechat/visitors/\(guid)", token: token)
                .expectError(.comm100, .forbidden, code: "forbidden")
            try await world.call(.put, "/livechat/visitors/\(guid)", token: token, json: [["name": "a"]])
                .expectError(.comm100, .forbidden, code: "forbidden")
            try await world.call(.get, "/livechat/visitors").expectError(.comm100, .unauthorized, code: "unauthenticated")
            try await world.call(.get, "/livechat/visitors/\(guid)").expectError(.comm100, .unauthorized, code: "unauthenticated")
        }
    }
}
