import ChatCore
import Foundation
import ParleyTestSupport
import Testing

@testable import BusinessHours

@Suite("Calendar files: loading, reloading and writing")
struct FileBusinessCalendarsTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-calendars-\(UUID().uuidString)")
    let log = RecordingLogHandler()
    let key = CalendarKey(project: "acme", country: "gt")!

    func write(_ text: String, project: String = "acme", country: String = "gt") throws {
        let folder = directory.appendingPathComponent(project)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("working-hours-\(country).toml"))
    }

    func file(_ message: String, country: String = "gt") -> String {
        CalendarFileFormatTests.example.replacingOccurrences(of: "[gt", with: "[\(country)")
            .replacingOccurrences(of: "We answer from 8:00 to 17:00.", with: message)
    }

    @Test func loadsEveryProjectAndCountryAndSkipsOtherFiles() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write(file("Guatemala"))
        try write(file("Salvador", country: "sv"), project: "other-project", country: "sv")
        try write("not a calendar", project: "acme", country: "GT")
        try Data().write(to: directory.appendingPathComponent("acme/notes.txt"))
        let calendars = FileBusinessCalendars(directory: directory, logger: log.logger)
        #expect(Set(calendars.calendars().keys) == [key, CalendarKey("other-project/sv")!])
        #expect(calendars.calendar(key)?.workingDayMessage == "Guatemala")
        #expect(log.recorded.filter { $0.level == .error }.isEmpty)
    }

    @Test func aMissingDirectoryHoldsNoCalendars() {
        #expect(FileBusinessCalendars(directory: directory, logger: log.logger).calendars().isEmpty)
    }

    @Test func aChangedFileIsReadAgainAndAMalformedOneKeepsThePreviousVersion() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write(file("First"))
        let calendars = FileBusinessCalendars(directory: directory, logger: log.logger)
        try write(file("Second, a longer message"))
        calendars.reload()
        #expect(calendars.calendar(key)?.workingDayMessage == "Second, a longer message")

        try write(file("Third").replacingOccurrences(of: "\"8:00\"", with: "\"8h00\""))
        calendars.reload()
        #expect(calendars.calendar(key)?.workingDayMessage == "Second, a longer message")
        let errors = log.recorded.filter { $0.level == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.metadata["file"]?.hasSuffix("acme/working-hours-gt.toml") == true)
        #expect(errors.first?.metadata["problem"]?.contains("gt.days.workingDays[0].start_time") == true)
        calendars.reload()
        #expect(log.recorded.filter { $0.level == .error }.count == 1, "an unchanged bad file is reported once")
    }

    @Test func aDeletedFileRemovesItsCalendar() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write(file("Here"))
        let calendars = FileBusinessCalendars(directory: directory, logger: log.logger)
        #expect(calendars.calendar(key) != nil)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("acme/working-hours-gt.toml"))
        calendars.reload()
        #expect(calendars.calendar(key) == nil)
    }

    @Test func replacingWritesTheFileAndTheSnapshotAtOnce() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let calendars = FileBusinessCalendars(directory: directory, logger: log.logger)
        let calendar = try CalendarFileFormat.read(file("Written"), country: "gt")
        #expect(try await calendars.replace(key, with: calendar) == true)
        #expect(calendars.calendar(key) == calendar)
        #expect(try await calendars.replace(key, with: calendar) == false)
        let folder = directory.appendingPathComponent("acme")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["working-hours-gt.toml"], "no temporary file is left")
        let reread = FileBusinessCalendars(directory: directory, logger: log.logger)
        #expect(reread.calendar(key) == calendar)
    }
}
