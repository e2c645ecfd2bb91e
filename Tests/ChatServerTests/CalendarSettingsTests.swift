import ChatCore
import ChatHTTP
import ChatStorage
import Foundation
import Logging
import Testing

@testable import ChatServer

@Suite("Business calendars: settings and the command line", .timeLimit(.minutes(3)))
struct CalendarSettingsTests {
    static let base = ["PARLEY_JWT_SECRET": ConfigLoaderTests.secret, "PARLEY_DATABASE_URL": "sqlite::memory:"]

    static func load(_ extra: [String: String]) throws -> AppConfig {
        try ConfigLoader(environment: base.merging(extra) { $1 }).load(host: nil, port: nil, databaseURL: nil, dataDir: nil, logLevel: nil)
    }

    @Test func calendarsLiveInTheDataDirectoryUnlessNamedAndReloadEveryFewSeconds() throws {
        let defaults = try Self.load(["PARLEY_DATA_DIR": "/srv/parley"])
        #expect(defaults.calendars.directory == "/srv/parley/calendars")
        #expect(defaults.calendars.reloadInterval == .seconds(5))
        let named = try Self.load(["PARLEY_CALENDARS_DIR": "/etc/parley/calendars", "PARLEY_CALENDAR_RELOAD_SECONDS": "30"])
        #expect(named.calendars.directory == "/etc/parley/calendars")
        #expect(named.calendars.reloadInterval == .seconds(30))
        for (name, bad) in [("PARLEY_CALENDAR_RELOAD_SECONDS", "0"), ("PARLEY_CALENDAR_RELOAD_SECONDS", "often"), ("PARLEY_CALENDARS_DIR", "")] {
            let error = #expect(throws: ConfigurationError.self) { try Self.load([name: bad]) }
            #expect(error?.description.hasPrefix(name) == true)
        }
    }

    @Test func departmentCreateLinksAnExistingCalendar() async throws {
        let directory = ConfigLoaderTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let folder = URL(fileURLWithPath: directory).appendingPathComponent("calendars/acme")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("[gt]\ntime_zone = 'Etc/GMT+6'\n".utf8).write(to: folder.appendingPathComponent("working-hours-gt.toml"))

        try await DepartmentCommand.Create.parse(["--name", "Sales", "--calendar", "acme/GT", "--data-dir", directory]).run()
        let missing = try DepartmentCommand.Create.parse(["--name", "Support", "--calendar", "acme/sv", "--data-dir", directory])
        await #expect(throws: ChatError.invalidField(field: .calendar, reason: "names no stored business calendar (acme/sv)")) {
            try await missing.run()
        }
        #expect(throws: (any Error).self) {
            try DepartmentCommand.Create.parse(["--name", "Support", "--calendar", "acme", "--data-dir", directory])
        }

        let storage = try await SQLStorage.open(.sqliteFile(path: directory + "/parley.sqlite"), logger: Logger(label: "test"), poolSize: 1)
        let departments = try await storage.departments()
        await storage.close()
        #expect(departments.map(\.name) == ["Sales"])
        #expect(departments.first?.calendar == CalendarKey("acme/gt"))
    }
}
