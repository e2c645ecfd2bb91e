import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Pre-chat fields storage contract", .timeLimit(.minutes(2)))
struct PrechatFieldContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(arguments: TestBackend.available)
    func theListIsReplacedWholeInOrderOrNotAtAll(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let sales = try await store.createDepartment(name: "Sales", at: Self.now).id
            let support = try await store.createDepartment(name: "Support", at: Self.now).id
            let fields = [
                PrechatField(key: "order", label: "Order number", kind: .text, isRequired: true, departmentID: sales),
                PrechatField(key: "topic", label: "Topic", kind: .select, isRequired: false, options: ["Billing", "Straße"]),
                PrechatField(key: "plan", label: "Plan", kind: .checkbox, isRequired: false, departmentID: support),
            ]
            try await store.replacePrechatFields(fields)
            #expect(try await store.prechatFields(for: nil) == fields)
            #expect(try await store.prechatFields(for: sales) == [fields[0], fields[1]])
            #expect(try await store.prechatFields(for: support) == [fields[1], fields[2]])

            await #expect(throws: ChatError.departmentNotFound(DepartmentID(99))) {
                try await store.replacePrechatFields([PrechatField(key: "x", label: "X", kind: .text, isRequired: false, departmentID: DepartmentID(99))])
            }
            #expect(try await store.prechatFields(for: nil) == fields, "a refused list changes nothing")
            try await store.replacePrechatFields([fields[2], fields[0]])
            #expect(try await store.prechatFields(for: nil) == [fields[2], fields[0]])
            try await store.replacePrechatFields([])
            #expect(try await store.prechatFields(for: sales).isEmpty)
        }
    }
}
