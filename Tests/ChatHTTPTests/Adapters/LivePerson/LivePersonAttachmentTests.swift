import Foundation
import ParleyTestSupport
import Testing

/// LivePerson's chat API carries lines only: a file posted in the chat reads as a line naming it.
@Suite("LivePerson shows files as lines", .timeLimit(.minutes(2)))
struct LivePersonAttachmentTests {
    @Test(arguments: TestBackend.available)
    func aVisitorsFileReadsAsAVisitorLineNamingIt(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let (_, ann, started) = try await LivePersonAgentTests.acceptedChat(world)
            _ = try await world.attach(Fixture.pdf, filename: "order.pdf", type: "application/pdf", to: started.chat.id, token: started.credentials.accessToken)
            let xml = String(buffer: try await ann.xml(.get, "chat?chatSessionKeys=\(started.chat.id)&v=1&NC=true").body)
            #expect(xml.contains("<text>Sent a file: order.pdf</text>"), "\(xml)")
            #expect(xml.contains("<source>visitor</source>"))
        }
    }
}
