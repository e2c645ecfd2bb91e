import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

@Suite("Department calendars storage contract", .timeLimit(.minutes(2)))
struct DepartmentCalendarContractTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let guatemala = CalendarKey("acme/gt")!

    @Test(arguments: TestBackend.available)
    func aDepartmentKeepsItsCalendarUntilUnlinked(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let sales = try await store.createDepartment(name: "Sales", calendar: Self.guatemala, at: Self.now)
            let support = try await store.createDepartment(name: "Support", at: Self.now)
            #expect(sales.calendar == Self.guatemala)
            #expect(try await store.department(sales.id)?.calendar == Self.guatemala)
            #expect(try await store.departments().map(\.calendar) == [Self.guatemala, nil])

            let linked = try await store.setCalendar(CalendarKey("other_project/SV")!, of: support.id)
            #expect(linked.calendar?.description == "other_project/sv" && linked.name == "Support")
            let renamed = try await store.renameDepartment(support.id, to: "Help")
            #expect(renamed.calendar == CalendarKey("other_project/sv"))
            #expect(try await store.setCalendar(nil, of: sales.id).calendar == nil)
            #expect(try await store.department(sales.id)?.calendar == nil)
            await #expect(throws: ChatError.departmentNotFound(DepartmentID(999))) {
                try await store.setCalendar(Self.guatemala, of: DepartmentID(999))
            }
        }
    }
}
