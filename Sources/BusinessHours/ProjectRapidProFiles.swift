import Foundation
import TOMLKit

/// A project's own RapidPro installation, in its folder beside its calendars:
/// `<calendars directory>/<project>/rapidpro.toml` with `url` and `token`. Channel chats of
/// departments following one of the project's calendars go through it instead of the
/// server's (`PARLEY_RAPIDPRO_URL`). Read at start.
public enum ProjectRapidProFiles {
    public static let fileName = "rapidpro.toml"

    /// One project's installation.
    public struct Installation: Sendable, Equatable {
        public let url: String
        public let token: String
    }

    /// Every project folder's file under `directory` (none when the directory is missing).
    /// Throws naming the file and the key at fault.
    public static func read(directory: String) throws -> [String: Installation] {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var installations: [String: Installation] = [:]
        for project in folders.sorted() {
            let path = directory + "/" + project + "/" + fileName
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do {
                installations[project] = try installation(in: try String(contentsOfFile: path, encoding: .utf8))
            } catch let problem as CalendarFileProblem {
                throw ProjectFileProblem(path: path, problem: problem)
            } catch {
                throw ProjectFileProblem(path: path, problem: CalendarFileProblem(key: "file", reason: "cannot be read as UTF-8 text"))
            }
        }
        return installations
    }

    static func installation(in text: String) throws(CalendarFileProblem) -> Installation {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw CalendarFileProblem(key: "line \(error.source.begin.line)", reason: error.description)
        } catch {
            throw CalendarFileProblem(key: "file", reason: "is not TOML")
        }
        for key in table.keys.sorted() where !["url", "token"].contains(key) {
            throw CalendarFileProblem(key: key, reason: "is not a key of rapidpro.toml (url, token)")
        }
        guard let url = table["url"]?.string, let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
              parsed.host != nil, url.utf8.count <= 2048
        else {
            throw CalendarFileProblem(key: "url", reason: "must be a quoted http or https URL")
        }
        guard let token = table["token"]?.string, (1...512).contains(token.utf8.count), token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw CalendarFileProblem(key: "token", reason: "must be a quoted string of 1 to 512 characters without spaces")
        }
        return Installation(url: url, token: token)
    }
}

/// Why a project's `rapidpro.toml` was refused.
public struct ProjectFileProblem: Error, CustomStringConvertible {
    public let path: String
    public let problem: CalendarFileProblem

    public var description: String { "\(path): \(problem)" }
}
