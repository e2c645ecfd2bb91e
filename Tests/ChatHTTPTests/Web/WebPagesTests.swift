import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

/// The console and widget files: where they are served, with which security headers, and that
/// nothing outside the web folder can be reached.
@Suite struct WebPagesTests {
    /// A web folder of its own, so the checks hold whatever the pages say.
    static func webFolder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("parley-web-\(UUID().uuidString)")
        let files = [
            "console/index.html": "<!doctype html><title>console</title>",
            "widget/index.html": "<!doctype html><title>frame</title>",
            "widget.js": "export {};",
            "shared/api.js": "export const api = 1;",
            "shared/.hidden": "secret",
            "locales/console/en.json": "{}",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try Data("outside".utf8).write(to: root.deletingLastPathComponent().appendingPathComponent("parley-outside.txt"))
        return root
    }

    static func run(_ test: @escaping @Sendable (TestWorld) async throws -> Void) async throws {
        let folder = try webFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestWorld.run(.sqlite, configure: { $0.webDirectory = folder }, test)
    }

    @Test func theConsoleIsServedAtTheRootAndAtConsoleAndMayNotBeFramed() async throws {
        try await Self.run { world in
            for path in ["/", "/console", "/console/"] {
                try await world.client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(String(buffer: response.body).contains("<title>console</title>"))
                    let policy = try #require(response.headers[.contentSecurityPolicy])
                    #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
                    #expect(policy.contains("frame-ancestors 'none'"))
                    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                }
            }
        }
    }

    @Test func theWidgetFrameMayBeEmbeddedByAnySiteAndItsLoaderIsAScript() async throws {
        try await Self.run { world in
            try await world.client.execute(uri: "/widget/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors *") == true)
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == nil)
            }
            try await world.client.execute(uri: "/widget.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
            }
        }
    }

    @Test func anUnchangedFileIsAnswered304() async throws {
        try await Self.run { world in
            let etag = try await world.client.execute(uri: "/shared/api.js", method: .get) { response in
                #expect(response.headers[.cacheControl] == "no-cache")
                return try #require(response.headers[.eTag])
            }
            try await world.client.execute(uri: "/shared/api.js", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func nothingOutsideTheWebFolderNorAHiddenFileIsServed() async throws {
        try await Self.run { world in
            for path in ["/shared/.hidden", "/shared/../../parley-outside.txt", "/shared/%2e%2e/%2e%2e/parley-outside.txt",
                         "/shared/missing.js", "/locales/..%2f..%2fparley-outside.txt"] {
                try await world.client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path)")
                }
            }
        }
    }

    @Test func apiAnswersMayNotBeFramedNorSniffed() async throws {
        try await Self.run { world in
            try await world.client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'none'")
            }
        }
    }

    @Test func theBuiltInConsoleAndWidgetAreServedWithoutAFolderSetting() async throws {
        try await TestWorld.run(.sqlite) { world in
            for path in ["/", "/widget/", "/widget.js", "/shared/api.js", "/shared/feed.js", "/locales/widget/ar.json"] {
                try await world.client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                }
            }
        }
    }
}
