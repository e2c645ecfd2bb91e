import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// Edits and deletions are stored as events of their own, pointing at the line they change,
/// and found again by the lines they change, per chat.
@Suite("Message amendments storage contract", .timeLimit(.minutes(2)))
struct MessageAmendmentContractTests {
    typealias Log = ChatLogContractTests

    @Test(arguments: TestBackend.available)
    func editsAndDeletionsRoundTripAndAreFoundByTheirLines(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Log.now)
            let (chat, opening) = try await Log.startChat(in: store, department: department.id)
            let (other, otherOpening) = try await Log.startChat(in: store, department: department.id)
            let author = opening[1].author
            let edits: [EventBody] = [.messageEdited(of: 1, text: "Hello again"), .messageDeleted(of: 1)]
            for body in edits {
                _ = try await store.updateChat(chat.id, replaying: nil, at: Log.now) { _ in
                    ChatChange(events: [EventDraft(author: author, body: body)])
                }
            }
            _ = try await store.updateChat(other.id, replaying: nil, at: Log.now) { _ in
                ChatChange(events: [EventDraft(author: otherOpening[1].author, body: .messageEdited(of: 1, text: "Other"))])
            }
            let stored = try await store.events(of: chat.id, page: .after(1, limit: 10))
            #expect(stored.map(\.body) == edits)

            let found = try await store.amendments(to: [chat.id: [1], other.id: [0, 1]])
            #expect(found.map(\.body) == edits + [.messageEdited(of: 1, text: "Other")])
            #expect(try await store.amendments(to: [chat.id: [0]]).isEmpty)
            #expect(try await store.amendments(to: [:]).isEmpty)
            #expect(try await store.amendments(to: [ChatID("no such chat"): [1]]).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func aMessageKeepsTheLineItQuotes(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Log.now)
            let (chat, opening) = try await Log.startChat(in: store, department: department.id)
            let update = try await store.updateChat(chat.id, replaying: nil, at: Log.now) { _ in
                ChatChange(events: [EventDraft(author: opening[1].author, body: .message("As I said"), quotedEventID: 1)])
            }
            guard case .applied(_, let events) = update else { throw ChatError.storageUnavailable }
            #expect(events.map(\.quotedEventID) == [1])
            let stored = try await store.events(of: chat.id, page: .after(nil, limit: 10))
            #expect(stored.map(\.quotedEventID) == [nil, nil, 1])
        }
    }
}
