import ChatHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

/// A LivePerson visitor's chat key is the chat's token, and it travels in the path: the request
/// log names the route instead.
@Suite("LivePerson visitor face: the log", .timeLimit(.minutes(3)))
struct VisitorLogTests {
    @Test(arguments: TestBackend.available)
    func theRequestLogNeverHoldsAChatKey(_ backend: TestBackend) async throws {
        try await withScratchDatabase(backend) { database in
            var config = TestWorld.config(database)
            config.logLevel = .info
            defer { try? FileManager.default.removeItem(atPath: config.calendars.directory) }
            let recorder = RecordingLogHandler()
            let services = try await ParleyServices.open(config, logger: recorder.logger)
            _ = try await services.directory.createDepartment(named: "Sales", by: .localOperator)
            let app = buildApplication(config, services: services, logger: recorder.logger)
            try await app.test(.router) { client in
                let requested = try await client.execute(
                    uri: "/api/account/1/chat/request", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"request": {"skill": "Sales", "preChatLines": {"line": ["Hi"]}}}"#)
                )
                #expect(requested.status == .created)
                let uri = try #require(requested.headers[.location])
                let key = String(try #require(uri.split(separator: "/").last))
                let path = "/api/account/1/chat/\(key)"
                #expect(try await client.execute(uri: path, method: .get).status == .ok)
                #expect(try await client.execute(uri: "\(path)/info", method: .get).status == .ok)
                #expect(try await client.execute(uri: "/api/account/1/chat/nope", method: .get).status == .notFound)

                let paths = recorder.recorded.filter { $0.message == "request" }.compactMap { $0.metadata["http_path"] }
                #expect(paths.contains("/api/account/{accountId}/chat/{chatKey}"), "\(paths)")
                #expect(paths.contains("/api/account/{accountId}/chat/{chatKey}/info"), "\(paths)")
                #expect(paths.contains("/api/account/1/chat/request"), "other paths are logged as they are")
                #expect(!recorder.recorded.contains { entry in entry.message.contains(key) || entry.metadata.values.contains { $0.contains(key) } })
            }
        }
    }
}
