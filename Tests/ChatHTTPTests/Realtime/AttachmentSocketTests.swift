import Foundation
import HummingbirdTesting
import HummingbirdWSTesting
import ParleyTestSupport
import Testing

/// A file posted in a chat reaches the other side's WebSocket as it is posted.
@Suite("Attachments on the WebSocket", .timeLimit(.minutes(3)))
struct AttachmentSocketTests {
    @Test(arguments: TestBackend.available)
    func theAgentsSocketReceivesTheVisitorsFile(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http)) { world in
            let stage = try await AttachmentTests.stage(world)
            let cursor = try await world.expect(.ok, Wire.Sync.self, .get, "/v1/sync?timeout=0", token: stage.agent).cursor
            let received = Box<Wire.FileEvent?>(nil)
            let posted = Box<Wire.FileEvent?>(nil)
            try await world.client.ws("/v1/ws?access_token=\(stage.agent)&cursor=\(cursor)") { inbound, _, _ in
                struct ServerMessage: Decodable {
                    let event: Wire.FileEvent?
                }
                posted.value = try await world.attach(Fixture.png, filename: "map.png", to: stage.chat, token: stage.visitor)
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message,
                          let event = try JSONDecoder().decode(ServerMessage.self, from: Data(text.utf8)).event
                    else { continue }
                    received.value = event
                    break
                }
            }
            let event = try #require(received.value)
            #expect(event.type == "attachment" && event.id == posted.value?.id)
            #expect(event.attachment?.name == "map.png" && event.attachment == posted.value?.attachment)
        }
    }
}
