import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

@testable import ChatHTTP

/// What the LivePerson visitor side refuses, in LivePerson's error shape and storing nothing,
/// and availability outside business hours or with nobody online.
@Suite("LivePerson visitor face: availability and bad input", .timeLimit(.minutes(3)))
struct VisitorInputTests {
    @Test(arguments: TestBackend.available)
    func aSkillOutsideItsHoursIsUnavailableAndRefusesChats(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            _ = try await world.putCalendar("acme/gt", BusinessHoursAPITests.closed, token: admin)
            let department = try await world.expect(
                .created, JSONValue.self, .post, "/v1/departments", token: admin, json: ["name": "Night Desk", "calendar": "acme/gt"]
            )
            let id = Int64(try #require(department["id"]?.number))
            let open = try await world.createDepartment("Sales", admin: admin).id
            let agent = try await world.agentToken("ann@example.com", departments: [id, open], admin: admin)
            let me = try await world.expect(.ok, Wire.Login.self, .post, "/v1/auth/login", json: ["email": "ann@example.com", "password": TestWorld.password])
            _ = try await world.expect(.ok, Wire.AgentStatus.self, .put, "/v1/agents/\(me.agent.id)/status", token: agent,
                                       json: Wire.StatusChange(status: "online", awayReason: nil))
            let site = LPVisitorClient(world: world, format: .json)
            let account = LPVisitorClient.account
            #expect(try await site.expect(.ok, .get, "\(account)/chat/availability?skill=Night%20Desk")["availability"]?.text == "false")
            #expect(try await site.expect(.ok, .get, "\(account)/chat/availability?skill=\(id)")["availability"]?.text == "false")
            #expect(try await site.expect(.ok, .get, "\(account)/chat/availability?skill=Sales")["availability"]?.text == "true")
            let xml = try await LPVisitorClient(world: world, format: .xml).call(.get, "\(account)/chat/availability?skill=\(id)")
            #expect(xml.text == "<?xml version=\"1.0\" encoding=\"UTF-8\"?><availability>false</availability>")
            #expect(try await site.expect(.ok, .get, "\(account)/chat/estimatedWaitTime?skill=\(id)")["estimatedWaitTime"]?.text == "-1")
            #expect(try await site.expect(.ok, .get, "\(account)/chat/estimatedWaitTime?skill=Nobody")["estimatedWaitTime"]?.text == "-1")
            #expect(try await site.expect(.ok, .get, "\(account)/chat/estimatedWaitTime")["estimatedWaitTime"]?.text == "0")
            try await site.call(.get, "\(account)/chat/availability?maxWaitTime=90000").response
                .expectError(.livePerson, .badRequest, code: "malformed_request")

            let refused = try await site.call(.post, "\(account)/chat/request", .document("request", .fields([
                "skill": .string("Night Desk"), "preChatLines": .fields(["line": .string("Anyone there?")]),
            ])))
            refused.response.expectError(.livePerson, .conflict, code: "department_closed")
            let chats = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: admin)
            #expect(chats.items.isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func badRequestsAndLinesAreRefusedAndStoreNothing(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let team = try await RoutingTests.team(world, ["ann"])
            let site = LPVisitorClient(world: world, format: .json)
            let request = "\(LPVisitorClient.account)/chat/request"
            let bodies: [(LPNode, HTTPResponse.Status, String)] = [
                (.document("request", .fields(["preChatLines": .fields(["line": .string("Hi")])])), .unprocessableContent, "invalid_field"),
                (.document("request", .fields(["skill": .string("Billing")])), .unprocessableContent, "invalid_field"),
                (.document("request", .fields(["skill": .string("Sales"), "maxWaitTime": .number(86_401)])), .unprocessableContent, "invalid_field"),
                (.document("request", .fields(["skill": .string("Sales"), "preChatLines": .fields(["line": .fields(["b": .string("x")])])])),
                 .unprocessableContent, "invalid_field"),
                (.document("request", .fields(["skill": .string("Sales"), "preChatLines": .string(String(repeating: "x", count: 20_000))])),
                 .unprocessableContent, "message_too_long"),
            ]
            for (body, status, code) in bodies {
                try await site.call(.post, request, body).response.expectError(.livePerson, status, code: code)
            }
            for raw in ["{\"request\": ", "", "<request><skill>Sales</request>"] {
                let response = try await world.client.execute(
                    uri: request, method: .post, headers: [.contentType: raw.hasPrefix("<") ? "application/xml" : "application/json"],
                    body: ByteBuffer(string: raw)
                )
                response.expectError(.livePerson, .badRequest, code: "malformed_request")
            }
            let stored = try await world.expect(.ok, Wire.List<Wire.Chat>.self, .get, "/v1/chats", token: team.admin)
            #expect(stored.items.isEmpty)

            let chat = try await site.requestChat(skill: "Sales")
            let badLines: [(LPNode, String)] = [
                (.document("event", .fields(["type": .string("picture"), "text": .string("x")])), "invalid_field"),
                (.document("event", .fields(["type": .string("line")])), "invalid_field"),
                (.document("event", .fields(["type": .string("line"), "text": .string("x"), "textType": .string("rtf")])), "invalid_field"),
                (.document("event", .fields(["type": .string("state"), "state": .string("paused")])), "invalid_field"),
                (.document("event", .fields(["type": .string("line"), "text": .string("   ")])), "invalid_field"),
            ]
            for (body, code) in badLines {
                try await site.call(.post, "\(chat)/events", body).response.expectError(.livePerson, .unprocessableContent, code: code)
            }
            try await site.call(.put, "\(chat)/info/visitorTyping", .document("visitorTyping", .string("maybe"))).response
                .expectError(.livePerson, .unprocessableContent, code: "invalid_field")
            try await site.call(.put, "\(chat)/info/visitorName", .document("visitorName", .string(" "))).response
                .expectError(.livePerson, .unprocessableContent, code: "invalid_field")
            try await site.call(.post, "\(chat)/info/visitorName", .document("visitorName", .string("Vera"))).response
                .expectError(.livePerson, .methodNotAllowed, code: "method_not_allowed")
            try await site.call(.put, "\(chat)/exitSurvey", .document("survey", .fields(["question": .fields(["id": .string("2"), "answer": .string("ok")])])))
                .response.expectError(.livePerson, .unprocessableContent, code: "invalid_field")
            // A path under the chat that names nothing is LivePerson's 404, in the asked format.
            try await site.call(.get, "\(chat)/collaborationChannels").response.expectError(.livePerson, .notFound, code: "not_found")
            try await LPVisitorClient(world: world, format: .xml).call(.get, "\(chat)/collaborationChannels").response
                .expectError(.livePersonXML, .notFound, code: "not_found")
            let after = try #require(try await site.expect(.ok, .get, chat)["chat"])
            #expect(after.eventList.count == 3 && after["info"]?["visitorName"]?.text == "Visitor" && after["info"]?["state"]?.text == "waiting")
        }
    }
}
