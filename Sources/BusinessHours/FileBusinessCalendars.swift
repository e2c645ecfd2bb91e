import ChatCore
import Foundation
import Logging
import Synchronization

/// Business calendars kept as files, `<directory>/<project>/working-hours-<cc>.toml`, read into
/// an in-memory snapshot. `reload()` picks up files that changed since it last looked (by
/// modification time, size and inode): a malformed file keeps the calendar it replaced and is
/// logged once per change, naming the file and the key; a deleted file removes its calendar.
public final class FileBusinessCalendars: BusinessCalendars {
    /// What a file looked like when it was last read, so unchanged files are not read again.
    struct Stamp: Equatable {
        let modified: Date?
        let size: Int?
        let inode: Int?
    }

    private struct State {
        var calendars: [CalendarKey: BusinessCalendar] = [:]
        var stamps: [CalendarKey: Stamp] = [:]
    }

    /// A calendar file is a few kilobytes; a larger one is refused unread.
    static let maxFileBytes = 1 << 20

    public let directory: URL
    private let logger: Logger
    private let state = Mutex(State())
    /// Writes and reloads go one at a time, so a reload never puts back what a write just replaced.
    private let writing = Mutex(())

    /// Reads every calendar under `directory` (a missing directory holds none).
    public init(directory: URL, logger: Logger) {
        self.directory = directory
        self.logger = logger
        reload()
    }

    public func calendar(_ key: CalendarKey) -> BusinessCalendar? {
        state.withLock { $0.calendars[key] }
    }

    public func calendars() -> [CalendarKey: BusinessCalendar] {
        state.withLock { $0.calendars }
    }

    /// Writes the calendar's file (a temporary file renamed over it, so readers never see half
    /// a file) and updates the snapshot before returning.
    @discardableResult
    public func replace(_ key: CalendarKey, with calendar: BusinessCalendar) async throws -> Bool {
        try writing.withLock { _ in
            let file = url(of: key)
            let folder = file.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).tmp")
            try Data(CalendarFileFormat.write(calendar, country: key.country).utf8).write(to: temporary)
            let created = !FileManager.default.fileExists(atPath: file.path)
            guard rename(temporary.path, file.path) == 0 else {
                let code = errno
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path, "errno": code])
            }
            let stamp = Self.stamp(of: file)
            state.withLock {
                $0.calendars[key] = calendar
                $0.stamps[key] = stamp
            }
            return created
        }
    }

    /// Reads the files that changed since the last look, and forgets the calendars whose files are gone.
    public func reload() {
        writing.withLock { _ in reloadChangedFiles() }
    }

    private func reloadChangedFiles() {
        let files = calendarFiles()
        let known = state.withLock { $0.stamps }
        var read: [CalendarKey: (BusinessCalendar?, Stamp)] = [:]
        for (key, file) in files {
            let stamp = Self.stamp(of: file)
            guard known[key] != stamp else { continue }
            read[key] = (load(file, country: key.country), stamp)
        }
        state.withLock { state in
            for key in state.calendars.keys where files[key] == nil {
                logger.info("business calendar removed", metadata: ["calendar": "\(key)"])
                state.calendars[key] = nil
            }
            for key in state.stamps.keys where files[key] == nil { state.stamps[key] = nil }
            for (key, (calendar, stamp)) in read {
                state.stamps[key] = stamp
                if let calendar { state.calendars[key] = calendar }
            }
        }
    }

    private func load(_ file: URL, country: String) -> BusinessCalendar? {
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            let data = try handle.read(upToCount: Self.maxFileBytes + 1) ?? Data()
            guard data.count <= Self.maxFileBytes else {
                throw CalendarFileProblem(key: "file", reason: "is larger than \(Self.maxFileBytes) bytes")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CalendarFileProblem(key: "file", reason: "is not UTF-8 text")
            }
            return try CalendarFileFormat.read(text, country: country)
        } catch {
            logger.error("business calendar file not loaded; the previous version stays in use", metadata: [
                "file": "\(file.path)", "problem": "\(error)",
            ])
            return nil
        }
    }

    /// `working-hours-<cc>.toml` in each project folder, by key.
    private func calendarFiles() -> [CalendarKey: URL] {
        let manager = FileManager.default
        var files: [CalendarKey: URL] = [:]
        for project in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let folder = directory.appendingPathComponent(project, isDirectory: true)
            for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] {
                guard name.hasPrefix("working-hours-"), name.hasSuffix(".toml") else { continue }
                let country = name.dropFirst("working-hours-".count).dropLast(".toml".count)
                guard country == country.lowercased(), let key = CalendarKey(project: project, country: String(country)) else { continue }
                files[key] = folder.appendingPathComponent(name)
            }
        }
        return files
    }

    private func url(of key: CalendarKey) -> URL {
        directory.appendingPathComponent(key.project, isDirectory: true).appendingPathComponent("working-hours-\(key.country).toml")
    }

    private static func stamp(of file: URL) -> Stamp {
        let attributes = (try? FileManager.default.attributesOfItem(atPath: file.path)) ?? [:]
        return Stamp(
            modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue,
            inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue
        )
    }
}
