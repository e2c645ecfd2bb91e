import ChatCore
import Foundation
import HummingbirdWSClient
import HummingbirdWSTesting
import ParleyTestSupport
import Testing

@Suite("WebSocket readers that do not read")
struct SlowConsumerTests {
    /// Appends `count` messages of about 1.5 kB to the chat, in batches, straight through the store.
    static func fill(_ chat: ChatID, with count: Int, in world: TestWorld) async throws {
        let line = String(repeating: "x", count: 1_500)
        for batch in stride(from: 0, to: count, by: 100) {
            let drafts = (batch..<min(batch + 100, count)).map { EventDraft(author: .system, body: .message("\($0) \(line)")) }
            _ = try await world.services.storage.updateChat(chat, replaying: nil, at: Date()) { _ in ChatChange(events: drafts) }
        }
    }

    struct ServerMessage: Decodable {
        let type: String
        let event: Wire.Event?
    }

    @Test(arguments: TestBackend.available)
    func aSocketThatNeverReadsIsClosedAsASlowConsumerAndResumesFromItsCursor(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend, .ahc(.http), configure: { $0.http.socketWriteTimeout = .seconds(1) }) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let started = try await world.startChat(department: sales.id)
            try await Self.fill(ChatID(started.chat.id), with: 3_000, in: world)
            let last = try await world.services.feed.latestCursor().rawValue

            let reader = try await RawConnection.connect(port: try #require(world.client.port), reading: false)
            try await reader.sendWebSocketHandshake("/v1/ws?access_token=\(started.credentials.accessToken)&cursor=0")
            // The server gives the feed up once a write has waited a second; only then does the client read.
            var opened = false
            let deadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < deadline {
                let open = world.services.feeds.openCount
                opened = opened || open == 1
                if opened && open == 0 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(opened && world.services.feeds.openCount == 0, "the server stopped serving the feed")
            try await reader.startReading()
            #expect(await reader.closed(within: .seconds(20)), "the server closed the connection")
            let frames = ServerFrames(reader.bytes)
            #expect(frames.close?.code == 4408 && frames.close?.reason == "slow_consumer")
            let first = try frames.texts.compactMap { try JSONDecoder().decode(ServerMessage.self, from: Data($0.utf8)).event }
            let resumeFrom = try #require(first.last?.cursor)
            #expect(resumeFrom < last, "the backlog did not fit in the socket buffers")

            let rest = Box<[Wire.Event]>([])
            try await world.client.ws("/v1/ws?access_token=\(started.credentials.accessToken)&cursor=\(resumeFrom)") { inbound, _, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                rest.value = try await WebSocketTests.events(Int(last - resumeFrom), from: &messages)
            }
            let all = (first + rest.value).map(\.cursor)
            #expect(all == Array(all.sorted()) && Set(all).count == all.count, "in order, nothing twice")
            #expect(all.last == last && all.count == first.count + rest.value.count)
            #expect(rest.value.first.map { $0.cursor > resumeFrom } == true)
        }
    }
}
