import ChatCore
import ChatHTTP
import ChatStorage
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ParleyTestSupport
import Testing

/// An app under test, its client, and shortcuts for the calls most tests make.
struct TestWorld: Sendable {
    let client: any TestClientProtocol
    let services: ParleyServices
    /// The app's configuration, for tests that open a second instance on the same database.
    let config: AppConfig
    /// The time every service reads; tests move it on instead of sleeping.
    let clock: TestClock

    static let adminEmail = "admin@example.com"
    static let password = "correct horse battery"

    static func config(_ database: ScratchDatabase) -> AppConfig {
        var config = AppConfig(storage: database.location, jwtSecret: String(repeating: "k", count: 64))
        config.port = 0
        config.bcryptCost = 4
        config.logLevel = .warning
        config.http.longPollMaxTimeout = .seconds(10)
        config.insight = .none
        // Most tests start chats by script; the captcha tests turn it back on.
        config.captcha.isRequired = false
        config.databasePoolSize = ScratchDatabase.poolSize
        config.calendars.directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-calendars-\(UUID().uuidString)").path
        // Calendars are read at start and written through the API; the test of hand-edited files
        // sets its own reload interval.
        config.calendars.reloadInterval = .seconds(3600)
        return config
    }

    /// Builds the app on a fresh database and runs `test` against it, in-process (`.router`)
    /// or over a real socket (`.live`, for long-polls and WebSockets).
    static func run(
        _ backend: TestBackend, _ mode: TestingSetup = .router,
        configure: (inout AppConfig) -> Void = { _ in }, overrides: ParleyServices.Overrides = .init(),
        _ test: @escaping @Sendable (TestWorld) async throws -> Void
    ) async throws {
        try await withScratchDatabase(backend) { database in
            var config = config(database)
            configure(&config)
            defer { try? FileManager.default.removeItem(atPath: config.calendars.directory) }
            var logger = Logger(label: "parley-test")
            logger.logLevel = config.logLevel
            let clock = TestClock()
            var overrides = overrides
            overrides.now = overrides.now ?? clock.reading
            let services = try await ParleyServices.open(config, logger: logger, overrides: overrides)
            let app = buildApplication(config, services: services, logger: logger)
            try await app.test(mode) { [config] client in
                let world = TestWorld(client: client, services: services, config: config, clock: clock)
                // The typing follower and the outbox's feeder listen from the start; later readers are counted from there.
                try await waitUntil("the typing follower and the outbox feeder") { world.listenerCount >= 2 }
                try await test(world)
            }
        }
    }

    /// How many readers (long-polls, WebSockets, the app's own followers) listen on the bus.
    var listenerCount: Int {
        (services.bus as? LocalEventBus)?.listenerCount ?? (services.bus as? PostgresEventBus)?.listenerCount ?? 0
    }

    /// Runs `start` (a long-poll, say) in the background, and returns once it listens on the
    /// bus, so what the test publishes next reaches it waiting.
    func whileListening<T: Sendable>(
        _ start: @escaping @Sendable () async throws -> T
    ) async throws -> Task<T, any Error> {
        let before = listenerCount
        let task = Task { try await start() }
        try await waitUntil("a new reader on the bus") { listenerCount > before }
        return task
    }

    /// Waits for a notice on the app's bus that `matches`, after `action` ran; throws after `limit`.
    func expectNotice(
        within limit: Duration = .seconds(10), after action: () async throws -> Void,
        where matches: @Sendable (ChatNotice) async throws -> Bool
    ) async throws {
        let listener = services.bus.listen(to: .everything)
        try await action()
        let timer = listener.wake(after: limit)
        defer { timer.cancel() }
        for await signal in listener.signals {
            switch signal {
            case .notice(let notice): if try await matches(notice) { return }
            case .timeout: throw WaitTimedOut(description: "no matching notice within \(limit)")
            case .replaced: throw WaitTimedOut(description: "the test's listener was replaced")
            }
        }
    }

    // MARK: Requests

    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: (any Encodable)? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONEncoder().encode(json))
        }
        return try await client.execute(uri: path, method: method, headers: headers, body: body)
    }

    /// Calls and decodes the answer, expecting `status`.
    func expect<T: Decodable>(
        _ status: HTTPResponse.Status, _ type: T.Type, _ method: HTTPRequest.Method, _ path: String,
        token: String? = nil, json: (any Encodable)? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> T {
        let response = try await call(method, path, token: token, json: json)
        #expect(response.status == status, "\(method) \(path): \(String(buffer: response.body))", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(T.self, from: Data(buffer: response.body))
    }

    /// Calls and checks the whole error envelope: status, code, message and (when given) field.
    func expectError(
        _ status: HTTPResponse.Status, code: String, field: String? = nil, _ method: HTTPRequest.Method, _ path: String,
        token: String? = nil, json: (any Encodable)? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await call(method, path, token: token, json: json)
        ErrorShape.native(field: field).check(response, status, code: code, sourceLocation: sourceLocation)
    }

    // MARK: Set-up shortcuts

    /// Creates the first admin and logs in.
    func adminToken() async throws -> String {
        _ = try await services.directory.bootstrapAdmin(email: Self.adminEmail, name: "Admin", password: Self.password)
        return try await login(Self.adminEmail).accessToken
    }

    func login(_ email: String, password: String = TestWorld.password) async throws -> Wire.Login {
        try await expect(.ok, Wire.Login.self, .post, "/v1/auth/login", json: ["email": email, "password": password])
    }

    func createDepartment(_ name: String, admin: String) async throws -> Wire.Department {
        try await expect(.created, Wire.Department.self, .post, "/v1/departments", token: admin, json: ["name": name])
    }

    /// Creates an agent in `departments` and returns its token.
    func agentToken(_ email: String, departments: [Int64], admin: String) async throws -> String {
        let body = Wire.NewAgent(email: email, name: "Agent \(email)", password: Self.password, isAdmin: false, departmentIds: departments)
        _ = try await expect(.created, Wire.Agent.self, .post, "/v1/agents", token: admin, json: body)
        return try await login(email).accessToken
    }

    func startChat(department: Int64, message: String = "Hello, I need help") async throws -> Wire.StartedChat {
        let body = Wire.StartChat(departmentId: department, name: "Vera Visitor", email: "vera@example.com", message: message)
        return try await expect(.created, Wire.StartedChat.self, .post, "/v1/chats", json: body)
    }

    func send(_ text: String, to chat: String, token: String, clientMessageId: String? = nil) async throws -> Wire.Event {
        try await expect(.created, Wire.Event.self, .post, "/v1/chats/\(chat)/messages", token: token,
                         json: Wire.Message(text: text, clientMessageId: clientMessageId))
    }
}
