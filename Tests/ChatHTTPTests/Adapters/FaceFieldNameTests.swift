import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

/// The core names a field by what it means; each face names it as its own requests do, in
/// the `field` and in the message alike.
@Suite("Each face names the fields of its validation errors as its requests do")
struct FaceFieldNameTests {
    @Test(arguments: TestBackend.available)
    func theNativeAPINamesTheClientMessageIdAsItIsSent(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            let refused = try await world.call(
                .post, "/v1/chats/\(started.chat.id)/messages", token: started.credentials.accessToken,
                json: Wire.Message(text: "hi", clientMessageId: "c\u{1}1")
            )
            refused.expectError(.native(field: "clientMessageId"), .unprocessableContent, code: "invalid_field")
            let body = try JSONValue(data: Data(buffer: refused.body))
            #expect(body["error"]?["message"]?.string == "Field 'clientMessageId' must not contain control characters.")
        }
    }

    @Test(arguments: TestBackend.available)
    func iptpNamesTheClientMessageIdClientId(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let (path, token, _) = try await world.guestChat()
            let refused = try await world.call(.post, path, token: token, json: ["text": "hi", "clientId": "c\u{1}1"])
            refused.expectError(.iptp(path: path), .unprocessableContent, code: "invalid_field")
            let body = try JSONValue(data: Data(buffer: refused.body))
            #expect(body["message"]?.string == "Field 'clientId' must not contain control characters.")
        }
    }

    @Test(arguments: TestBackend.available)
    func livePersonNamesATransferNoteText(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (team, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            let support = try await world.createDepartment("Support", admin: team.admin)
            let refused = try await ann.send(
                .post, "chat/\(started.chat.id)/transfer",
                json: #"{"transfer": {"skill": {"id": \#(support.id)}, "text": "a\u0000b"}}"#
            )
            refused.expectError(.livePerson, .unprocessableContent, code: "invalid_field")
            let body = try JSONValue(data: Data(buffer: refused.body))
            #expect(body["error"]?["message"]?.string == "Field 'text' must not contain U+0000.")
        }
    }
}
