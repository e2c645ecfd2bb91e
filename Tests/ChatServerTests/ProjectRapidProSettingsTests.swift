import ChatHTTP
import Foundation
import Testing

@testable import ChatServer

/// A project's folder beside its calendars may name the project's own RapidPro.
@Suite("Channels: a project's own RapidPro", .timeLimit(.minutes(3)))
struct ProjectRapidProSettingsTests {
    static func load(calendars directory: String) throws -> AppConfig {
        try CalendarSettingsTests.load(["PARLEY_CALENDARS_DIR": directory, "PARLEY_RAPIDPRO_URL": "https://rp.example.org", "PARLEY_RAPIDPRO_TOKEN": "server-token"])
    }

    static func write(_ text: String, project: String, in directory: String) throws {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent(project)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("rapidpro.toml"))
    }

    @Test func aProjectsFileOverridesTheServersInstallationForThatProjectOnly() throws {
        let directory = ConfigLoaderTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try Self.load(calendars: directory + "/missing").outbound.rapidPro.projects.isEmpty)

        try Self.write("url = \"https://rp.acme.example/\"\ntoken = \"acme-token\"\n", project: "acme", in: directory)
        let rapidPro = try Self.load(calendars: directory).outbound.rapidPro
        #expect(rapidPro.endpoint(for: "acme") == .init(baseURL: "https://rp.acme.example", token: "acme-token"))
        #expect(rapidPro.endpoint(for: "other") == .init(baseURL: "https://rp.example.org", token: "server-token"))
        #expect(rapidPro.endpoint(for: nil) == rapidPro.server)
    }

    @Test(arguments: [
        ("url = \"ftp://rp.acme.example\"\ntoken = \"t\"\n", "url"),
        ("url = \"https://rp.acme.example\"\n", "token"),
        ("url = \"https://rp.acme.example\"\ntoken = \"t\"\nsecret = \"x\"\n", "secret"),
        ("url = https://rp.acme.example\n", "line 1"),
    ])
    func aMalformedFileStopsTheStartNamingTheFileAndTheKey(_ text: String, key: String) throws {
        let directory = ConfigLoaderTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.write(text, project: "acme", in: directory)
        let error = #expect(throws: ConfigurationError.self) { try Self.load(calendars: directory) }
        #expect(error?.description.hasPrefix(directory + "/acme/rapidpro.toml: " + key) == true, "\(String(describing: error))")
    }
}
