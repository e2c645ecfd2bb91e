import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// A visitor renames itself: the name is stored, its chats are found by it, and agents' feeds see a change.
@Suite("Visitor name storage contract")
struct VisitorNameContractTests {
    @Test(arguments: TestBackend.available)
    func aRenamedVisitorIsFoundByItsNewName(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: VisitorSessionContractTests.now)
            let visitor = VisitorSessionContractTests.visitor("v-1")
            _ = try await store.createChat(
                for: .new(visitor, ChatLogContractTests.visitorSession(visitor.id, id: "s-1")), chatID: ChatID("c-1"),
                departmentID: department.id, events: VisitorSessionContractTests.opening(visitor), at: VisitorSessionContractTests.now
            )
            let before = try #require(try await store.visitorRecord(visitor.id)).revision
            try await store.setName("Wilhelmina", of: visitor.id)
            #expect(try await store.visitor(visitor.id)?.name == "Wilhelmina")
            #expect(try #require(try await store.visitorRecord(visitor.id)).revision > before)
            let found = try await ChatSearchContractTests.find("Wilhelmina", in: store)
            #expect(found.map(\.chat.id) == [ChatID("c-1")])
            await #expect(throws: ChatError.visitorNotFound(VisitorID("v-none"))) { try await store.setName("X", of: VisitorID("v-none")) }
        }
    }
}
