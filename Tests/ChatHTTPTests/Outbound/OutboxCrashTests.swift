import ChatCore
import ChatHTTP
import ChatStorage
import Foundation
import Logging
import ParleyTestSupport
import Testing

/// A server killed while RapidPro hangs delivers the agent's reply once it is back, exactly once.
@Suite("Outbox across a crash", .timeLimit(.minutes(3)))
struct OutboxCrashTests {
    static let secret = String(repeating: "k", count: 64)
    static let reply = "Your parcel ships today"

    /// An admin, a department and a channel contact's queued chat, stored before the server first starts.
    static func seed(_ path: String) async throws -> ChatID {
        var config = AppConfig(storage: .sqliteFile(path: path), jwtSecret: secret)
        config.insight = .none
        config.bcryptCost = 4
        config.captcha.isRequired = false
        var logger = Logger(label: "seed")
        logger.logLevel = .error
        let services = try await ParleyServices.open(config, logger: logger)
        do {
            let chat = try await startChannelChat(services)
            await services.storage.close()
            return chat
        } catch {
            await services.storage.close()
            throw error
        }
    }

    private static func startChannelChat(_ services: ParleyServices) async throws -> ChatID {
        _ = try await services.directory.bootstrapAdmin(email: TestWorld.adminEmail, name: "Admin", password: TestWorld.password)
        let sales = try await services.directory.createDepartment(named: "Sales", by: .localOperator)
        let visitor = Visitor(id: VisitorID("v-crash"), name: "Carla Contact", email: "", profile: VisitorProfile(), createdAt: Date())
        _ = try await services.storage.registerChannelContact(
            ChannelContact(uuid: "contact-crash", visitorID: visitor.id, urn: nil, mongoID: nil, registeredAt: Date()), as: visitor
        )
        let started = try await services.chats.startChat(
            StartChatRequest(departmentID: sales.id, name: nil, email: nil, message: "Where is my parcel?"), captcha: nil,
            as: Principal(session: SessionID("channel-crash"), role: .visitor(visitor.id))
        )
        return started.chat.id
    }

    @Test func aReplyPendingWhenTheServerIsKilledIsDeliveredOnceAfterTheRestart() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: ServerProcess.executable.path), "build with `swift build --build-tests` first")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let chat = try await Self.seed(directory.appendingPathComponent("parley.sqlite").path)
        let environment = [
            "PARLEY_DATA_DIR": directory.path, "PARLEY_JWT_SECRET": Self.secret, "PARLEY_CAPTCHA": "off", "PARLEY_LOG_LEVEL": "warning",
            "PARLEY_BCRYPT_COST": "4", "PARLEY_RAPIDPRO_TOKEN": "rp-token", "PARLEY_OUTBOX_SEND_TIMEOUT_SECONDS": "1",
            "PARLEY_OUTBOX_RETRY_BASE_MS": "200", "PARLEY_OUTBOX_POLL_MS": "20",
        ]

        let hung = try await SilentListener.start()
        let first = try await ServerProcess.start(
            environment: environment.merging(["PARLEY_RAPIDPRO_URL": hung.url]) { $1 }, logDirectory: directory, name: "first"
        )
        let login = try await first.request(.POST, "/v1/auth/login", json: ["email": TestWorld.adminEmail, "password": TestWorld.password])
        let token = try #require(try JSONDecoder().decode(Wire.Login.self, from: login.body).accessToken)
        #expect(try await first.request(.POST, "/v1/chats/\(chat)/join", token: token).status == .ok)
        let sent = try await first.request(.POST, "/v1/chats/\(chat)/messages", json: Wire.Message(text: Self.reply, clientMessageId: nil), token: token)
        #expect(sent.status == .created)
        try await waitUntil("the reply sent to the hung RapidPro") { hung.bytesReceived > 0 }
        first.kill()
        await hung.stop()

        try await StandInReceiver.run { rapidPro in
            let second = try await ServerProcess.start(
                environment: environment.merging(["PARLEY_RAPIDPRO_URL": rapidPro.url]) { $1 }, logDirectory: directory, name: "second"
            )
            try await waitUntil("the reply delivered after the restart", within: .seconds(30)) { !rapidPro.accepted.isEmpty }
            try await second.stop()
            #expect(rapidPro.accepted.map(\.body) == [#"{"contact":"contact-crash","text":"Your parcel ships today"}"#])
        }
        var logger = Logger(label: "check")
        logger.logLevel = .error
        let storage = try await SQLStorage.open(.sqliteFile(path: directory.appendingPathComponent("parley.sqlite").path), logger: logger)
        #expect(try await storage.pendingDeliveries(limit: 10).isEmpty, "nothing left to send, nothing planned twice")
        #expect(try await storage.deadLetters(limit: 10).isEmpty)
        await storage.close()
    }
}
