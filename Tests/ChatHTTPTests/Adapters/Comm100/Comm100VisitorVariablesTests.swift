import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyTestSupport
import Testing

@Suite("Comm100 visitor custom variables", .timeLimit(.minutes(3)))
struct Comm100VisitorVariablesTests {
    @Test(arguments: TestBackend.available)
    func anAgentReplacesTheCustomVariablesAndReadsThemBack(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let (tracked, _) = try await world.trackVisitor(Wire.Track(url: "https://shop.example/", customVariables: [.init(name: "plan", value: "free", url: "")]))
            let guid = TestWorld.comm100GUID(tracked.id)
            let awkward = "say \"hi\" \\ back\n\t\u{1}é😀"
            let response = try await world.call(
                .put, "/livechat/visitors/\(guid)", token: admin,
                json: [["name": "visitor", "value": awkward, "url": ""], ["name": "company", "value": "Comm100", "url": "https://comm100.com"], ["name": "flag"]]
            )
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let answered = try JSONValue(data: Data(buffer: response.body))
            let expected: JSONValue = .array([
                .object(["name": .string("visitor"), "value": .string(awkward), "url": .string("")]),
                .object(["name": .string("company"), "value": .string("Comm100"), "url": .string("https://comm100.com")]),
                .object(["name": .string("flag"), "value": .string(""), "url": .string("")]),
            ])
            #expect(answered["id"]?.string == guid && answered["customVariableResults"] == expected)
            #expect(try await world.comm100Visitor(guid, token: admin)["customVariableResults"] == expected)

            try await world.call(.put, "/livechat/visitors/\(tracked.id)", token: admin, json: [[String: String]]())
            #expect(try await world.comm100Visitor(guid, token: admin)["customVariableResults"] == .array([]))
        }
    }

    @Test(arguments: TestBackend.available)
    func aMalformedBodyChangesNothingAndIsA400(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let (tracked, _) = try await world.trackVisitor(Wire.Track(url: "https://shop.example/", customVariables: [.init(name: "plan", value: "free", url: "")]))
            let guid = TestWorld.comm100GUID(tracked.id)
            let path = "/livechat/visitors/\(guid)"
            func put(_ body: String) async throws -> TestResponse {
                try await world.client.execute(
                    uri: path, method: .put, headers: [.authorization: "Bearer \(admin)", .contentType: "application/json"],
                    body: ByteBuffer(string: body)
                )
            }
            let tooMany = "[" + (0...50).map { #"{"name": "v\#($0)"}"# }.joined(separator: ",") + "]"
            let longName = #"[{"name": "ok"}, {"name": "\#(String(repeating: "n", count: 101))"}]"#
            let longValue = #"[{"name": "ok", "value": "\#(String(repeating: "é", count: 1001))"}]"#
            for (body, code) in [
                (#"{"name": "plan", "value": "paid"}"#, "malformed_request"),
                (#"[{"value": "paid"}]"#, "malformed_request"),
                (#"[{"name": 7}]"#, "malformed_request"),
                ("[", "malformed_request"),
                (tooMany, "invalid_field"),
                (longName, "invalid_field"),
                (longValue, "invalid_field"),
                (#"[{"name": "ok"}, {"name": "  "}]"#, "invalid_field"),
            ] {
                let refused = try await put(body)
                refused.expectError(.comm100, .badRequest, code: code)
                if code == "invalid_field" {
                    let message = try JSONValue(data: Data(buffer: refused.body))["message"]?.string ?? ""
                    #expect(message.hasPrefix("Field 'customVariableResults' "), "named as Comm100 names the list: \(message)")
                }
            }
            let kept: JSONValue = .array([.object(["name": .string("plan"), "value": .string("free"), "url": .string("")])])
            #expect(try await world.comm100Visitor(guid, token: admin)["customVariableResults"] == kept)
        }
    }
}
