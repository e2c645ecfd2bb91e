import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Live Agents: a closed department", .timeLimit(.minutes(3)))
struct LiveAgentsClosedDepartmentTests {
    @Test(arguments: TestBackend.available)
    func aContactIsRefusedWithTheCalendarsMessageAndNothingIsStored(_ backend: TestBackend) async throws {
        try await TestWorld.runLiveAgents(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.putCalendar("acme/gt", BusinessHoursAPITests.closed, token: admin)
            let department = try await world.expect(
                .created, JSONValue.self, .post, "/v1/departments", token: admin, json: ["name": "GTM_HIV_GENERAL", "calendar": "acme/gt"]
            )
            let response = try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-closed", department: "GTM_HIV_GENERAL"))
            try world.expectEnvelope(response, .conflict, msg: "We answer on weekdays from 8:00 to 17:00.")
            let id = Int64(try #require(department["id"]?.number))
            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats?departmentId=\(id)", token: admin)
            #expect(chats.items.isEmpty)
            try world.expectEnvelope(
                try await world.liveAgents(.post, "sendMessageToAgent", TestWorld.clientMessage(uuid: "c-closed", text: "Hi")), .notFound
            )

            _ = try await world.putCalendar("acme/gt", BusinessHoursAPITests.open, token: admin)
            try world.expectEnvelope(
                try await world.liveAgents(.post, "registerClient", TestWorld.registration(uuid: "c-closed", department: "GTM_HIV_GENERAL")),
                .ok, msg: "success"
            )
        }
    }
}
