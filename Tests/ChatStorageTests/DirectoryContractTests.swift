import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Directory storage contract", .timeLimit(.minutes(2)))
struct DirectoryContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func agent(_ email: String, departments: [DepartmentID] = [], admin: Bool = false) -> Agent {
        Agent(id: AgentID(UUID().uuidString.lowercased()), email: email, name: "Agent \(email)", isAdmin: admin,
              departmentIDs: departments, createdAt: now)
    }

    @Test(arguments: TestBackend.available)
    func departmentsGetIncreasingNumericIDs(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let first = try await store.createDepartment(name: "Test", at: Self.now)
            let second = try await store.createDepartment(name: "Live assistance", at: Self.now)
            #expect(second.id > first.id)
            #expect(try await store.departments().map(\.name) == ["Test", "Live assistance"])
            let renamed = try await store.renameDepartment(first.id, to: "Sales")
            #expect(renamed.name == "Sales")
            #expect(try await store.department(first.id)?.name == "Sales")
            await #expect(throws: ChatError.departmentNotFound(DepartmentID(999))) {
                try await store.renameDepartment(DepartmentID(999), to: "X")
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func agentsKeepTheirDepartmentsAndUniqueEmails(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let sales = try await store.createDepartment(name: "Sales", at: Self.now)
            let support = try await store.createDepartment(name: "Support", at: Self.now)
            let ann = Self.agent("ann@example.com", departments: [sales.id, support.id], admin: true)
            try await store.createAgent(ann, passwordHash: "hash-1")
            #expect(try await store.agent(ann.id) == ann)
            #expect(try await store.agentCount() == 1)

            let credentials = try #require(try await store.agentCredentials(email: "ann@example.com"))
            #expect(credentials.agent == ann)
            #expect(credentials.passwordHash == "hash-1")

            await #expect(throws: ChatError.emailTaken) {
                try await store.createAgent(Self.agent("ann@example.com"), passwordHash: "x")
            }
            let ghost = Self.agent("bob@example.com", departments: [DepartmentID(404)])
            await #expect(throws: ChatError.departmentNotFound(DepartmentID(404))) {
                try await store.createAgent(ghost, passwordHash: "x")
            }
            #expect(try await store.agent(ghost.id) == nil, "a refused agent leaves nothing behind")

            let moved = try await store.setDepartments([support.id], of: ann.id)
            #expect(moved.departmentIDs == [support.id])
            let renamed = try await store.updateAgent(ann.id, name: "Ann B", isAdmin: false, passwordHash: nil)
            #expect(renamed.name == "Ann B" && !renamed.isAdmin)
            #expect(try await store.agentCredentials(email: "ann@example.com")?.passwordHash == "hash-1")
            await #expect(throws: ChatError.agentNotFound(AgentID("nobody"))) {
                try await store.updateAgent(AgentID("nobody"), name: "X", isAdmin: nil, passwordHash: nil)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func aFailingWriteAmongConcurrentOnesLeavesTheOthersCommitted(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        if index % 10 == 5 {
                            do {
                                _ = try await store.renameDepartment(DepartmentID(10_000 + Int64(index)), to: "Ghost")
                                return false
                            } catch ChatError.departmentNotFound {
                                return true
                            }
                        }
                        _ = try await store.createDepartment(name: "D\(index)", at: Self.now)
                        return true
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0 })
            #expect(try await store.departments().count == 27)
        }
    }

    @Test(arguments: TestBackend.available)
    func refreshTokensRotateOnceAndReuseIsReported(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let ann = Self.agent("ann@example.com")
            try await store.createAgent(ann, passwordHash: "x")
            let session = Session(id: SessionID("s1"), subject: .agent(ann.id), createdAt: Self.now)
            let later = Self.now.addingTimeInterval(3600)
            try await store.createSession(session, refreshToken: RefreshTokenRecord(tokenHash: "t1", session: session.id, expiresAt: later))

            #expect(try await store.rotateRefreshToken(hash: "t1", successor: "t2", successorExpiresAt: later, reuseGrace: .zero, at: Self.now) == .rotated(session))
            #expect(try await store.rotateRefreshToken(hash: "t1", successor: "t3", successorExpiresAt: later, reuseGrace: .zero, at: Self.now) == .reused(session))
            #expect(try await store.rotateRefreshToken(hash: "unknown", successor: "t4", successorExpiresAt: later, reuseGrace: .zero, at: Self.now) == .invalid)
            #expect(try await store.rotateRefreshToken(hash: "t2", successor: "t5", successorExpiresAt: later, reuseGrace: .zero, at: later) == .invalid, "expired")

            try await store.revokeSession(session.id, at: Self.now)
            #expect(try await store.session(session.id)?.revokedAt != nil)
        }
    }
}
