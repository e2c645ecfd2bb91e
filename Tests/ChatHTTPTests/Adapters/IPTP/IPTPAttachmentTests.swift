import Foundation
import ParleyTestSupport
import Testing

/// A file posted in the chat shows in XM's history as a file entry (type 2 for an image),
/// with a line naming it for clients that read text only.
@Suite("IPTP shows files as file entries", .timeLimit(.minutes(2)))
struct IPTPAttachmentTests {
    @Test(arguments: TestBackend.available)
    func aFileReadsAsALineNamingIt(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, overrides: IPTPGuestTests.known) { world in
            let (path, token, _) = try await world.guestChat()
            let chat = path.split(separator: "/")[3]
            _ = try await world.attach(Fixture.png, filename: "receipt.png", to: String(chat), token: token)
            let history = try JSONValue(data: Data(buffer: try await world.call(.get, path, token: token).body))
            let last = try #require(history["messages"]?.array?.first, "newest first, as XM pages")
            #expect(last["type"]?.number == 2 && last["kind"]?.string == "FILE" && last["uploaded"] == .bool(true))
            #expect(last["message"]?.string == "Sent a file: receipt.png" && last["text"]?.string == "Sent a file: receipt.png")
            #expect(last["file"]?["filename"]?.string == "receipt.png" && last["file"]?["type"]?.number == 2)
            #expect(last["fromGuest"] == .bool(true))
        }
    }
}
