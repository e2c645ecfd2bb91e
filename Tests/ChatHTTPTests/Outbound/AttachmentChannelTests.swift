import ChatCore
import ChatHTTP
import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// An agent's file in a channel chat goes to the contact through RapidPro as a signed link
/// that works without a bearer, until it expires.
@Suite("Attachments in channel chats", .timeLimit(.minutes(3)))
struct AttachmentChannelTests {
    @Test(arguments: TestBackend.available)
    func theDeliveryCarriesASignedLinkThatWorksWithoutABearerUntilItExpires(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { rapidPro in
            try await TestWorld.run(backend, configure: { config in
                TestWorld.fastOutbound(&config)
                config.outbound.rapidPro.server = .init(baseURL: rapidPro.url, token: "rp-token")
                config.publicURL = "https://chat.example.com"
                config.attachmentLinkLifetime = .seconds(600)
            }) { world in
                let admin = try await world.adminToken()
                let sales = try await world.createDepartment("Sales", admin: admin)
                let agent = try await world.agentToken("ann@example.com", departments: [sales.id], admin: admin)
                let chat = try await world.channelChat(department: sales.id, contact: "contact-9")
                _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: agent)
                let attachment = try #require(try await world.attach(Fixture.png, to: chat.rawValue, token: agent).attachment)

                try await world.waitForDeliveries("the file delivered") { rapidPro.accepted.count >= 1 }
                struct Message: Decodable {
                    let contact: String
                    let attachments: [String]
                }
                let message = try JSONDecoder().decode(Message.self, from: Data(rapidPro.accepted[0].body.utf8))
                #expect(message.contact == "contact-9" && message.attachments.count == 1)
                let prefix = "image/png:https://chat.example.com/v1/attachments/\(attachment.id)?expires="
                let link = try #require(message.attachments.first)
                #expect(link.hasPrefix(prefix), "\(link)")
                let path = String(link.dropFirst("image/png:https://chat.example.com".count))

                let fetched = try await world.call(.get, path)
                #expect(fetched.status == .ok && Data(buffer: fetched.body) == Fixture.png)
                let tampered = path.replacingOccurrences(of: "signature=", with: "signature=00")
                try await world.expectError(.notFound, code: "attachment_not_found", .get, String(tampered.prefix(tampered.count - 2)))
                let expiry = try #require(path.split(separator: "expires=").last?.split(separator: "&").first.flatMap { Int($0) })
                let later = path.replacingOccurrences(of: "expires=\(expiry)", with: "expires=\(expiry + 3600)")
                try await world.expectError(.notFound, code: "attachment_not_found", .get, later)
                world.clock.advance(by: .seconds(3600))
                try await world.expectError(.notFound, code: "attachment_not_found", .get, path)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func withoutAPublicAddressTheFileIsADeadLetterSayingSoAndHoldsNoLink(_ backend: TestBackend) async throws {
        try await StandInReceiver.run { rapidPro in
            try await TestWorld.run(backend, configure: { config in
                TestWorld.fastOutbound(&config)
                config.outbound.rapidPro.server = .init(baseURL: rapidPro.url, token: "rp-token")
            }) { world in
                let admin = try await world.adminToken()
                let sales = try await world.createDepartment("Sales", admin: admin)
                let agent = try await world.agentToken("ann@example.com", departments: [sales.id], admin: admin)
                let chat = try await world.channelChat(department: sales.id, contact: "contact-10")
                _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(chat)/join", token: agent)
                let attachment = try #require(try await world.attach(Fixture.png, to: chat.rawValue, token: agent).attachment)
                try await world.waitForDeliveries("a dead letter") { try await !world.services.storage.deadLetters(limit: 10).isEmpty }
                let dead = try await world.expect(.ok, Wire.List<Wire.DeadLetter>.self, .get, "/v1/dead-letters", token: admin).items
                #expect(dead.map(\.reason) == ["files need the server's public address to link to (PARLEY_PUBLIC_URL)"])
                #expect(dead.first?.payload.contains("parley-attachment:\(attachment.id)") == true)
                #expect(dead.first?.payload.contains("signature") == false)
                #expect(rapidPro.received.isEmpty)
            }
        }
    }
}
