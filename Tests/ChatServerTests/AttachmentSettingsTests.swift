import ChatHTTP
import Testing

@testable import ChatServer

@Suite("Attachment settings", .timeLimit(.minutes(1)))
struct AttachmentSettingsTests {
    static let base = ["PARLEY_JWT_SECRET": ConfigLoaderTests.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"]

    static func load(_ environment: [String: String]) throws -> AppConfig {
        try ConfigLoader(environment: base.merging(environment) { $1 }).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
    }

    @Test func sizeTypesAndLinkLifetimeAreReadAndDefaultAsDocumented() throws {
        let defaults = try Self.load([:])
        #expect(defaults.limits.maxAttachmentBytes == 10_485_760)
        #expect(defaults.limits.attachmentTypes == ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"])
        #expect(defaults.attachmentLinkLifetime == .seconds(3600))
        let set = try Self.load([
            "PARLEY_MAX_ATTACHMENT_BYTES": "2048", "PARLEY_ATTACHMENT_TYPES": " Image/PNG , application/zip", "PARLEY_ATTACHMENT_LINK_SECONDS": "300",
        ])
        #expect(set.limits.maxAttachmentBytes == 2048)
        #expect(set.limits.attachmentTypes == ["image/png", "application/zip"])
        #expect(set.attachmentLinkLifetime == .seconds(300))
    }

    @Test(arguments: [
        ["PARLEY_MAX_ATTACHMENT_BYTES": "0"],
        ["PARLEY_MAX_ATTACHMENT_BYTES": "ten megabytes"],
        ["PARLEY_ATTACHMENT_TYPES": ""],
        ["PARLEY_ATTACHMENT_TYPES": "image/png,,pdf"],
        ["PARLEY_ATTACHMENT_TYPES": "image/png; charset=x"],
        ["PARLEY_ATTACHMENT_LINK_SECONDS": "5"],
        ["PARLEY_ATTACHMENT_LINK_SECONDS": "an hour"],
    ])
    func aMalformedSettingIsNamed(_ environment: [String: String]) throws {
        let name = try #require(environment.keys.first)
        let error = #expect(throws: ConfigurationError.self) { try Self.load(environment) }
        #expect(error?.description.hasPrefix(name) == true, "\(error?.description ?? "")")
    }
}
