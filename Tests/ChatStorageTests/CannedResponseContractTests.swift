import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Canned responses storage contract", .timeLimit(.minutes(2)))
struct CannedResponseContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func response(_ shortcut: String, in department: DepartmentID?, id: String = UUID().uuidString) -> CannedResponse {
        CannedResponse(id: id, shortcut: shortcut, title: "Title \(shortcut)", text: "Text of \(shortcut)", departmentID: department, createdAt: now)
    }

    @Test(arguments: TestBackend.available)
    func shortcutsAreUniquePerDepartmentAndListsHoldTheGlobalOnes(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let sales = try await store.createDepartment(name: "Sales", at: Self.now).id
            let support = try await store.createDepartment(name: "Support", at: Self.now).id
            let hello = Self.response("hello", in: nil)
            let refund = Self.response("refund", in: sales)
            let supportRefund = Self.response("refund", in: support)
            let bye = Self.response("bye", in: support)
            for response in [hello, refund, supportRefund, bye] { try await store.createCannedResponse(response) }

            await #expect(throws: ChatError.shortcutTaken("refund")) { try await store.createCannedResponse(Self.response("refund", in: sales)) }
            await #expect(throws: ChatError.shortcutTaken("hello")) { try await store.createCannedResponse(Self.response("hello", in: nil)) }
            await #expect(throws: ChatError.departmentNotFound(DepartmentID(99))) {
                try await store.createCannedResponse(Self.response("other", in: DepartmentID(99)))
            }

            #expect(try await store.cannedResponses(in: [sales]) == [hello, refund])
            #expect(try await store.cannedResponses(in: []) == [hello])
            #expect(try await store.cannedResponses(in: nil).map(\.shortcut) == ["bye", "hello", "refund", "refund"])

            var moved = bye
            moved.shortcut = "refund"
            await #expect(throws: ChatError.shortcutTaken("refund")) { try await store.updateCannedResponse(moved) }
            moved.departmentID = nil
            try await store.updateCannedResponse(moved)
            #expect(try await store.cannedResponse(bye.id) == moved)
            await #expect(throws: ChatError.cannedResponseNotFound("missing")) { try await store.updateCannedResponse(Self.response("x", in: nil, id: "missing")) }

            #expect(try await store.deleteCannedResponse(hello.id))
            #expect(try await !store.deleteCannedResponse(hello.id))
            #expect(try await store.cannedResponses(in: [sales]) == [moved, refund])
        }
    }
}
