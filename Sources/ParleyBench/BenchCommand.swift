import ArgumentParser
import AsyncHTTPClient
import Foundation
import Synchronization

enum Receiver: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Agents long-poll the native `GET /v1/sync`.
    case longpoll
    /// Agents poll their chats through the LivePerson face's multi-chat resource.
    case liveperson
}

@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley-bench",
        abstract: "Load-test a running Parley server with concurrent visitor <-> agent conversations.",
        discussion: """
            Logs in as an admin, creates a department "bench-<random>" and one agent per \
            --conversations-per-agent conversations, starts the chats as visitors and has the agents \
            join them round robin. Then, for --duration seconds, every visitor sends messages \
            (each with a unique clientMessageId) while every agent long-polls GET /v1/sync; the \
            tool prints delivered messages/s and send-to-receive latency p50/p95/p99/max, with \
            sent/delivered/missing/duplicate/error counts. After sending stops it waits up to 5 s \
            for messages still in flight, then closes its chats (unless --keep-chats).

            Parley limits chat starts and logins per client address (10 and 20 per minute by \
            default) and asks visitors for a captcha, so start the server with high limits and \
            captchas off, e.g.:

              PARLEY_CAPTCHA=off PARLEY_CHAT_STARTS_PER_MINUTE=100000 PARLEY_LOGINS_PER_MINUTE=100000 \\
                swift run -c release parley serve

            Example:

              swift run -c release parley-bench --url http://127.0.0.1:8080 \\
                --admin-email admin@parley.local --admin-password SECRET \\
                --conversations 200 --duration 20 --receiver longpoll

            Only the given --url is contacted. Each run leaves its department and agents behind \
            (the API cannot delete them). The admin password may also come from the environment \
            variable PARLEY_BENCH_ADMIN_PASSWORD.

            With --receiver liveperson, each agent opens a LivePerson agent session and polls \
            GET .../agentSession/{id}/chat?chatSessionKeys=...&fromEventIds=... for its chats (50 \
            to a request) every --poll-interval-ms, as LivePerson agent clients do; latency then \
            includes the wait for the next poll.
            """
    )

    @Option(help: "Base URL of the running Parley server.")
    var url = "http://127.0.0.1:8080"

    @Option(help: "Email of an admin agent, used for the setup.")
    var adminEmail = "admin@parley.local"

    @Option(help: "Password of that admin (default: $PARLEY_BENCH_ADMIN_PASSWORD).")
    var adminPassword: String?

    @Option(help: "Number of concurrent visitor <-> agent conversations.")
    var conversations = 200

    @Option(help: "Seconds of sending (1-600).")
    var duration = 20

    @Option(help: "Number of agents (default: one per --conversations-per-agent conversations).")
    var agents: Int?

    @Option(help: "Conversations per agent when --agents is not given.")
    var conversationsPerAgent = 25

    @Option(help: "Think time in ms between a visitor's messages; 0 sends the next as soon as the previous is accepted.")
    var intervalMs = 0

    @Option(help: "How agents receive messages: longpoll (native /v1/sync) or liveperson (multi-chat polling).")
    var receiver: Receiver = .longpoll

    @Option(help: "With --receiver liveperson: ms between an agent's polls.")
    var pollIntervalMs = 1000

    @Option(help: "With --receiver liveperson: the server's LivePerson account id.")
    var accountId = "1"

    @Flag(help: "Give every agent its own department, so no agent sees its colleagues' chats.")
    var departmentPerAgent = false

    @Option(help: "Requests in flight during the setup.")
    var setupConcurrency = 16

    @Flag(help: "Do not close the chats after the run.")
    var keepChats = false

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    var agentCount: Int { agents ?? max(1, (conversations + conversationsPerAgent - 1) / conversationsPerAgent) }

    var baseURL: String {
        var trimmed = url.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }

    func validate() throws {
        guard let parsed = URL(string: baseURL), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", parsed.host != nil
        else { throw ValidationError("--url must look like http://127.0.0.1:8080") }
        guard (1...20_000).contains(conversations) else { throw ValidationError("--conversations must be 1...20000") }
        guard (1...600).contains(duration) else { throw ValidationError("--duration must be 1...600 seconds") }
        guard conversationsPerAgent >= 1 else { throw ValidationError("--conversations-per-agent must be at least 1") }
        guard (1...conversations).contains(agentCount) else { throw ValidationError("--agents must be 1...--conversations") }
        guard intervalMs >= 0 else { throw ValidationError("--interval-ms must not be negative") }
        guard (10...60_000).contains(pollIntervalMs) else { throw ValidationError("--poll-interval-ms must be 10...60000") }
        guard (1...256).contains(setupConcurrency) else { throw ValidationError("--setup-concurrency must be 1...256") }
        guard password != nil else {
            throw ValidationError("give --admin-password (or set PARLEY_BENCH_ADMIN_PASSWORD)")
        }
    }

    var password: String? { adminPassword ?? ProcessInfo.processInfo.environment["PARLEY_BENCH_ADMIN_PASSWORD"] }

    func run() async throws {
        var config = HTTPClient.Configuration()
        config.redirectConfiguration = .disallow
        config.timeout = .init(connect: .seconds(5), read: .seconds(30))
        config.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: conversations + agentCount + 16
        )
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
        let outcome: Result<Void, any Error>
        do {
            try await bench(ParleyAPI(http: http, baseURL: baseURL))
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await http.shutdown()
        if case .failure(let error) = outcome {
            Self.log("error: \(error)")
            throw ExitCode.failure
        }
    }

    private func bench(_ api: ParleyAPI) async throws {
        let runTag = String(format: "%08x", UInt32.random(in: .min ... .max))
        do {
            let (_, _) = try await api.get("/healthz", timeout: 3, as: HealthResponse.self)
        } catch let error as BenchError {
            throw BenchError(status: error.status, code: error.code, description: "cannot reach Parley at \(baseURL): \(error.description)")
        }
        Self.log("setting up \(conversations) conversations, \(agentCount) agents at \(baseURL) (run \(runTag))")
        let setup = Setup(api: api, plan: SetupPlan(
            conversations: conversations, agents: agentCount, departmentPerAgent: departmentPerAgent,
            adminEmail: adminEmail, adminPassword: password ?? "", runTag: runTag, concurrency: setupConcurrency
        ))
        let (agents, chats) = try await setup.run(log: { Self.log($0) })
        let cursors = try await concurrentMap(agents, width: setupConcurrency) { try await setup.latestCursor(for: $0) }
        let sessions: [String]? = switch receiver {
        case .longpoll: nil
        case .liveperson: try await concurrentMap(agents, width: setupConcurrency) { try await setup.agentSession(for: $0, account: accountId) }
        }

        Self.log("sending for \(duration) s ...")
        let recorder = Recorder()
        let runner = Runner(
            api: api, recorder: recorder, runTag: runTag, duration: .seconds(duration),
            interval: .milliseconds(intervalMs), messageText: "parley-bench message from run \(runTag)",
            pollInterval: .milliseconds(pollIntervalMs)
        )
        let sendPhase = await runner.run(agents: agents, chats: chats, cursors: cursors, sessions: sessions)
        let report = Report(options: self, agents: agents.count, sendPhase: sendPhase, summary: recorder.snapshot())
        print(json ? report.json : report.text)

        if !keepChats { await close(chats, api: api) }
    }

    /// Best effort, and bounded: chats not closed within about 10 s stay open, and the
    /// first failure to reach the server stops the rest.
    private func close(_ chats: [BenchChat], api: ParleyAPI) async {
        let deadline = ContinuousClock.now + .seconds(10)
        let unreachable = Atomic(false)
        let closed = (try? await concurrentMap(chats, width: setupConcurrency) { chat -> Bool in
            guard ContinuousClock.now < deadline, !unreachable.load(ordering: .relaxed) else { return false }
            do {
                let _: ChatInfo = try await api.post("/v1/chats/\(chat.id)/close", NoBody(), token: chat.visitorToken, timeout: 5)
                return true
            } catch let error as BenchError where error.status == nil {
                unreachable.store(true, ordering: .relaxed)
                return false
            } catch {
                return false
            }
        }) ?? []
        Self.log("closed \(closed.filter { $0 }.count) of \(chats.count) chats")
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("parley-bench: \(line)\n".utf8))
    }
}

struct HealthResponse: Decodable, Sendable {
    let status: String
}
