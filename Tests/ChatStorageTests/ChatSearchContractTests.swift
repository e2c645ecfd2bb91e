import ChatCore
import Foundation
import ParleyTestSupport
import SQLKit
import Testing

@testable import ChatStorage

/// Both databases find the same chats for the same text: folded in Swift, not by their own
/// `lower()` or `LIKE`, whose folding differs.
@Suite("Chat search storage contract", .timeLimit(.minutes(2)))
struct ChatSearchContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let agent = AgentID("agent-s")

    /// A visitor's ended chat in `department` whose lines are `lines` (the visitor's, then an agent's note and line).
    static func chat(
        in store: SQLStorage, department: DepartmentID, visitor name: String, email: String = "", lines: [String],
        note: String? = nil, agentLine: String? = nil
    ) async throws -> Chat {
        let visitor = Visitor(id: VisitorID(UUID().uuidString), name: name, email: email, profile: VisitorProfile(), createdAt: now)
        var drafts = [EventDraft(author: .system, body: .stateChanged(.queued))]
        drafts += lines.map { EventDraft(author: .visitor(visitor.id), body: .message($0)) }
        if let note { drafts.append(EventDraft(author: .agent(agent), body: .note(note))) }
        if let agentLine { drafts.append(EventDraft(author: .agent(agent), body: .message(agentLine))) }
        let (chat, _) = try await store.createChat(
            for: .new(visitor, ChatLogContractTests.visitorSession(visitor.id)), chatID: ChatID(UUID().uuidString),
            departmentID: department, events: drafts, at: now
        )
        return try await store.updateChat(chat.id, replaying: nil, at: now) { _ in
            ChatChange(state: .ended, events: [EventDraft(author: .system, body: .stateChanged(.ended))])
        }.chat
    }

    static func find(_ text: String?, in store: SQLStorage, scope: EventScope = .everything, before: Int64? = nil, limit: Int = 50,
                     visitor: VisitorID? = nil) async throws -> [ChatSearchHit] {
        try await store.searchChats(ChatSearch(
            text: text.map(SearchText.fold), visitorID: visitor, scope: scope, before: before, limit: limit
        ))
    }

    @Test(arguments: TestBackend.available)
    func foldedTextFindsTheSameChatsOnEveryDatabase(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let sales = try await store.createDepartment(name: "Sales", at: Self.now).id
            let street = try await Self.chat(in: store, department: sales, visitor: "Olga", lines: ["I live on the Hauptstraße", "thanks"])
            let school = try await Self.chat(in: store, department: sales, visitor: "Élodie ÉCOLE", email: "elodie@example.fr", lines: ["Bonjour"])
            let percent = try await Self.chat(
                in: store, department: sales, visitor: "Pat", lines: ["I am 100% sure", "file a_b.txt", #"path C:\temp"#]
            )
            let noted = try await Self.chat(
                in: store, department: sales, visitor: "Nora", lines: ["Hi"], note: "secret refund", agentLine: "Your REFUND is on its way"
            )

            #expect(try await Self.find("STRASSE", in: store).map(\.chat.id) == [street.id])
            #expect(try await Self.find("straße", in: store).first?.matchedLine == "I live on the Hauptstraße")
            #expect(try await Self.find("école", in: store).map(\.chat.id) == [school.id], "the visitor's name matches")
            #expect(try await Self.find("école", in: store).first?.matchedLine == nil)
            #expect(try await Self.find("ELODIE@", in: store).map(\.chat.id) == [school.id], "the visitor's email matches")
            #expect(try await Self.find("%", in: store).map(\.chat.id) == [percent.id])
            #expect(try await Self.find("a_b", in: store).map(\.chat.id) == [percent.id])
            #expect(try await Self.find("0_", in: store).isEmpty, "_ is no wildcard")
            #expect(try await Self.find(#"c:\t"#, in: store).map(\.chat.id) == [percent.id])
            #expect(try await Self.find("100%", in: store).first?.matchedLine == "I am 100% sure")
            #expect(try await Self.find("refund", in: store).map(\.matchedLine) == ["Your REFUND is on its way"], "notes are not searched")
            #expect(try await Self.find("secret", in: store).isEmpty)
            #expect(try await Self.find("queued", in: store).isEmpty, "system events are not searched")
            #expect(try await Self.find(nil, in: store).map(\.chat.id) == [noted.id, percent.id, school.id, street.id], "newest first")
            #expect(try await Self.find(nil, in: store, before: percent.number, limit: 1).map(\.chat.id) == [school.id])
            #expect(try await Self.find(nil, in: store, visitor: street.visitorID).map(\.chat.id) == [street.id])
        }
    }

    @Test(arguments: TestBackend.available)
    func anAgentFindsWhatItMaySeeAndErasedVisitorsLeaveNothingToFind(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let sales = try await store.createDepartment(name: "Sales", at: Self.now).id
            let support = try await store.createDepartment(name: "Support", at: Self.now).id
            let mine = try await Self.chat(in: store, department: sales, visitor: "Mia", lines: ["parcel lost"])
            let theirs = try await Self.chat(in: store, department: support, visitor: "Theo", lines: ["parcel late"])
            let scope = EventScope.agent(AgentID("nobody"), departments: [sales])
            #expect(try await Self.find("parcel", in: store, scope: scope).map(\.chat.id) == [mine.id])
            #expect(try await Self.find("parcel", in: store).map(\.chat.id) == [theirs.id, mine.id])

            _ = try await store.eraseVisitor(theirs.visitorID, chats: .anonymise, at: Self.now)
            #expect(try await Self.find("parcel", in: store).map(\.chat.id) == [mine.id])
            #expect(try await Self.find("theo", in: store).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func linesStoredBeforeSearchExistedAreFoldedByTheMigration(_ backend: TestBackend) async throws {
        try await withScratchDatabase(backend) { database in
            try await SchemaUpgradeTests.olderDatabase(database, version: 14)
            try await Self.rawWrite(database, """
                UPDATE chat_events SET text = 'Wir sind eine ÉCOLE in der Straße' WHERE cursor = 2
                """)
            let store = try await SQLStorage.open(database.location, logger: .quiet, poolSize: ScratchDatabase.poolSize)
            do {
                #expect(try await Self.find("école", in: store).first?.matchedLine == "Wir sind eine ÉCOLE in der Straße")
                #expect(try await Self.find("STRASSE", in: store).map(\.chat.id) == [ChatID("chat-1")])
                #expect(try await Self.find("VERA", in: store).map(\.chat.id) == [ChatID("chat-1")])
                await store.close()
            } catch {
                await store.close()
                throw error
            }
        }
    }

    private static func rawWrite(_ database: ScratchDatabase, _ statement: SQLQueryString) async throws {
        let backend: any SQLBackend
        switch database.location {
        case .sqliteFile(let path): backend = try await SQLiteBackend.open(path: path, readerCount: 0, logger: .quiet)
        case .postgres(let url): backend = PostgresBackend(configuration: try PostgresBackend.configuration(from: url), poolSize: 1, logger: .quiet)
        case .sqliteInMemory: return
        }
        do {
            try await backend.write { db in try await db.raw(statement).run() }
            await backend.close()
        } catch {
            await backend.close()
            throw error
        }
    }
}
