import Foundation
import ParleyTestSupport
import Testing

/// XM's clients know lines only: a file posted in the chat shows in their history as a line naming it.
@Suite("IPTP shows files as lines", .timeLimit(.minutes(2)))
struct IPTPAttachmentTests {
    @Test(arguments: TestBackend.available)
    func aFileReadsAsALineNamingIt(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let (path, token, _) = try await world.guestChat()
            let chat = path.split(separator: "/")[3]
            _ = try await world.attach(Fixture.png, filename: "receipt.png", to: String(chat), token: token)
            let history = try JSONValue(data: Data(buffer: try await world.call(.get, path, token: token).body))
            let last = try #require(history["messages"]?.array?.last)
            #expect(last["type"]?.string == "TEXT" && last["text"]?.string == "Sent a file: receipt.png")
            #expect(last["fromGuest"] == .bool(true))
        }
    }
}
