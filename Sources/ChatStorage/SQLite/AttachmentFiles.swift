import ChatCore
import Foundation

/// Attachments' bytes as files in one directory, named by attachment id. A file is written
/// aside (`.part`) and renamed into place inside the transaction that stores its event, so a
/// file under its final name always had its event committed or about to be.
struct AttachmentFiles: Sendable {
    let directory: URL

    /// Creates the directory and drops what a crash left half-written.
    static func open(_ directory: URL) throws -> AttachmentFiles {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = AttachmentFiles(directory: directory)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".part") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
        return files
    }

    func stage(_ bytes: Data, for id: AttachmentID) throws {
        try bytes.write(to: try path(of: id, staged: true))
    }

    /// Moves the staged file into place.
    func publish(_ id: AttachmentID) throws {
        try FileManager.default.moveItem(at: try path(of: id, staged: true), to: try path(of: id, staged: false))
    }

    func read(_ id: AttachmentID) -> Data? {
        guard let path = try? path(of: id, staged: false) else { return nil }
        return try? Data(contentsOf: path)
    }

    /// Removes the file, staged or published; a missing one is already gone.
    func remove(_ id: AttachmentID) {
        for staged in [true, false] {
            if let path = try? path(of: id, staged: staged) {
                try? FileManager.default.removeItem(at: path)
            }
        }
    }

    /// Ids are made by the server, but a name is built from one only when it cannot leave the directory.
    private func path(of id: AttachmentID, staged: Bool) throws -> URL {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyz-")
        guard !id.rawValue.isEmpty, id.rawValue.count <= 64, id.rawValue.allSatisfy(allowed.contains) else {
            throw ChatError.attachmentNotFound(id)
        }
        return directory.appendingPathComponent(id.rawValue + (staged ? ".part" : ""))
    }
}
