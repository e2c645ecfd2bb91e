import Foundation

/// One logged-in agent of the run and the chats it joined.
struct BenchAgent: Sendable {
    let index: Int
    let id: String
    let token: String
    var chatIDs: Set<String> = []
}

/// One visitor's chat: its id, the visitor's token and the agent serving it.
struct BenchChat: Sendable {
    let index: Int
    let id: String
    let visitorToken: String
    let agentIndex: Int
}

struct SetupPlan: Sendable {
    let conversations: Int
    let agents: Int
    let departmentPerAgent: Bool
    let adminEmail: String
    let adminPassword: String
    let runTag: String
    let concurrency: Int

    /// Chats each agent joins (they are spread round robin).
    var chatsPerAgent: Int { (conversations + agents - 1) / agents }
}

/// Creates everything a run needs through the public API: department(s), agents, chats,
/// joins. Any failure stops the setup with the server's status and error code.
struct Setup: Sendable {
    let api: ParleyAPI
    let plan: SetupPlan

    func run(log: @Sendable (String) -> Void) async throws -> (agents: [BenchAgent], chats: [BenchChat]) {
        let admin: LoginResponse = try await step("log in as admin \(plan.adminEmail)") {
            try await api.post("/v1/auth/login", LoginBody(email: plan.adminEmail, password: plan.adminPassword))
        }
        guard admin.agent.isAdmin else {
            throw BenchError(status: nil, code: nil, description: "\(plan.adminEmail) is not an admin; the setup needs one")
        }

        let departmentCount = plan.departmentPerAgent ? plan.agents : 1
        let departments: [Department] = try await step("create department") {
            try await concurrentMap(Array(0..<departmentCount), width: plan.concurrency) { i in
                let name = departmentCount == 1 ? "bench-\(plan.runTag)" : "bench-\(plan.runTag)-\(i + 1)"
                return try await api.post("/v1/departments", NameBody(name: name), token: admin.accessToken)
            }
        }
        log(departmentCount == 1 ? "department \(departments[0].name)"
            : "\(departmentCount) departments \(departments[0].name) ... \(departments[departmentCount - 1].name)")

        // A fresh random password per run; the agents exist only for this run.
        let password = "bench-\(plan.runTag)-\(UUID().uuidString.prefix(8))"
        let agents: [BenchAgent] = try await step("create and log in agents") {
            try await concurrentMap(Array(0..<plan.agents), width: min(plan.concurrency, 4)) { i in
                let email = "bench-\(plan.runTag)-agent\(i + 1)@bench.parley.invalid"
                let department = departments[plan.departmentPerAgent ? i : 0].id
                let agent: AgentResponse = try await api.post(
                    "/v1/agents",
                    CreateAgentBody(email: email, name: "Bench agent \(i + 1)", password: password,
                                    isAdmin: false, departmentIds: [department]),
                    token: admin.accessToken
                )
                // Room for every chat the agent will join, whatever the server's default capacity.
                let _: AgentResponse = try await api.put(
                    "/v1/agents/\(agent.id)/capacity", CapacityBody(maxChats: min(100, plan.chatsPerAgent)), token: admin.accessToken
                )
                let login: LoginResponse = try await api.post("/v1/auth/login", LoginBody(email: email, password: password))
                return BenchAgent(index: i, id: login.agent.id, token: login.accessToken)
            }
        }
        log("\(agents.count) agents logged in")

        let chats: [BenchChat] = try await step("start chats") {
            try await concurrentMap(Array(0..<plan.conversations), width: plan.concurrency) { i in
                let agentIndex = i % plan.agents
                let department = departments[plan.departmentPerAgent ? agentIndex : 0].id
                let started: StartChatResponse = try await api.post("/v1/chats", StartChatBody(
                    departmentId: department, name: "Bench visitor \(i + 1)",
                    email: "bench-\(plan.runTag)-visitor\(i + 1)@bench.parley.invalid", message: "hello from parley-bench"
                ))
                return BenchChat(index: i, id: started.chat.id, visitorToken: started.credentials.accessToken, agentIndex: agentIndex)
            }
        }
        log("\(chats.count) chats started")

        let _: [ChatInfo] = try await step("join chats") {
            try await concurrentMap(chats, width: plan.concurrency) { chat in
                try await api.post("/v1/chats/\(chat.id)/join", NoBody(), token: agents[chat.agentIndex].token)
            }
        }
        var served = agents
        for chat in chats { served[chat.agentIndex].chatIDs.insert(chat.id) }
        log("\(chats.count) chats joined (round robin over \(agents.count) agents)")
        return (served, chats)
    }

    /// The newest cursor this agent can see: page through `sync` without waiting until it is empty.
    /// Opens a LivePerson agent session for the agent; answers its path.
    func agentSession(for agent: BenchAgent, account: String) async throws -> String {
        let opened: AgentSessionLocation = try await api.post(
            "/api/account/\(account)/agentSession?v=1&NC=true", ["loginData": ""], token: agent.token
        )
        guard let id = opened.agentSessionLocation.link.href.split(separator: "/").last else {
            throw BenchError(status: nil, code: "agent_session", description: "the agent session's location has no id")
        }
        return "/api/account/\(account)/agentSession/\(id)"
    }

    func latestCursor(for agent: BenchAgent) async throws -> Int64 {
        try await step("find the current sync cursor") {
            var cursor: Int64 = 0
            for _ in 0..<100_000 {
                let (page, _) = try await api.get(
                    "/v1/sync?cursor=\(cursor)&timeout=0&limit=500", token: agent.token, as: SyncResponse.self
                )
                cursor = max(cursor, page.cursor)
                if page.events.count < 500 { return cursor }
            }
            return cursor
        }
    }

    /// Runs `body`, and words a failure as "setup failed at <what>: ..." with a hint for rate limits.
    private func step<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as BenchError {
            var text = "setup failed (\(what)): \(error.description)"
            if error.code == "rate_limited" {
                text += "\nhint: start the server with a high PARLEY_CHAT_STARTS_PER_MINUTE and PARLEY_LOGINS_PER_MINUTE, "
                    + "e.g. PARLEY_CHAT_STARTS_PER_MINUTE=100000 PARLEY_LOGINS_PER_MINUTE=100000"
            } else if error.code == "captcha_failed" {
                text += "\nhint: start the server with PARLEY_CAPTCHA=off, so that visitors start chats without a captcha"
            } else if error.code == "invalid_credentials" && what.hasPrefix("log in as admin") {
                text += "\nhint: check --admin-email and --admin-password"
            }
            throw BenchError(status: error.status, code: error.code, description: text)
        }
    }
}

/// Maps `items` with at most `width` calls in flight, keeping the order; the first error
/// cancels the rest and is rethrown.
func concurrentMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], width: Int, _ transform: @escaping @Sendable (Item) async throws -> Result
) async throws -> [Result] {
    try await withThrowingTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: items.count)
        var next = 0
        func launch() {
            let index = next
            let item = items[index]
            group.addTask { (index, try await transform(item)) }
            next += 1
        }
        while next < min(width, items.count) { launch() }
        while let (index, result) = try await group.next() {
            results[index] = result
            if next < items.count { launch() }
        }
        return results.map { $0! }
    }
}
