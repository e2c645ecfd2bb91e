import Crypto
import Foundation
import NIOCore

/// One file of the browser faces, ready to send.
struct WebAsset: Sendable {
    let bytes: ByteBuffer
    let contentType: String
    /// A strong validator: the start of the file's SHA-256, quoted.
    let etag: String

    init(data: Data, path: String) {
        bytes = ByteBuffer(bytes: data)
        contentType = Self.contentType(of: path)
        etag = "\"" + SHA256.hash(data: data).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }

    private static let types: [String: String] = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "json": "application/json; charset=utf-8", "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon",
        "wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg", "woff2": "font/woff2", "txt": "text/plain; charset=utf-8",
    ]

    private static func contentType(of path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return types[ext] ?? "application/octet-stream"
    }
}

/// The browser faces' files by their path under the web root (`console/index.html`). The
/// bundled files are read once at start; a development folder (`PARLEY_WEB_DIR`) is read on
/// each request, so that editing a file needs no restart.
struct WebAssetStore: Sendable {
    private enum Source: Sendable {
        case loaded([String: WebAsset])
        case folder(URL)
    }

    private let source: Source

    /// Every file under `root`, read now.
    static func loading(_ root: URL) -> WebAssetStore {
        var assets: [String: WebAsset] = [:]
        let rootPath = root.standardizedFileURL.path
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = files?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = try? Data(contentsOf: url) else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(rootPath.count + 1))
            assets[path] = WebAsset(data: data, path: path)
        }
        return WebAssetStore(source: .loaded(assets))
    }

    /// No files: every path is 404.
    static let empty = WebAssetStore(source: .loaded([:]))

    /// Files read from `root` on each request.
    static func reading(_ root: URL) -> WebAssetStore {
        WebAssetStore(source: .folder(root.standardizedFileURL))
    }

    /// The file at `path` (`widget/index.html`), or nil. Only plain names are looked up: no
    /// `..`, no hidden files, nothing outside the root.
    func asset(at path: String) -> WebAsset? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("\\") }) else { return nil }
        switch source {
        case .loaded(let assets):
            return assets[path]
        case .folder(let root):
            let url = root.appendingPathComponent(path)
            guard url.standardizedFileURL.path.hasPrefix(root.path + "/"), let data = try? Data(contentsOf: url) else { return nil }
            return WebAsset(data: data, path: path)
        }
    }
}
