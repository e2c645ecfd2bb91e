import Foundation
import HTTPTypes
import ParleyTestSupport
import Testing

/// Agents find past chats by what was said or by who the visitor was, and list a visitor's
/// earlier chats; each sees what it may see anywhere else.
@Suite("Chat search", .timeLimit(.minutes(2)))
struct ChatSearchTests {
    struct Found: Codable {
        let id: String
        let number: Int64
        let visitorId: String
        let state: String
        let match: String?
    }

    struct Start: Encodable {
        let departmentId: Int64
        let name: String
        let email: String
        let message: String
    }

    struct Note: Encodable {
        let text: String
    }

    /// Starts a chat, lets the agent answer, and closes it.
    static func chat(
        _ world: TestWorld, department: Int64, name: String, message: String, answer: String? = nil, note: String? = nil, agent: String
    ) async throws -> Wire.StartedChat {
        let started = try await world.expect(
            .created, Wire.StartedChat.self, .post, "/v1/chats",
            json: Start(departmentId: department, name: name, email: "\(name.lowercased())@example.com", message: message)
        )
        if let answer {
            _ = try await world.expect(.ok, Wire.Chat.self, .post, "/v1/chats/\(started.chat.id)/join", token: agent)
            _ = try await world.send(answer, to: started.chat.id, token: agent)
        }
        if let note {
            _ = try await world.expect(.created, Wire.Event.self, .post, "/v1/chats/\(started.chat.id)/notes", token: agent, json: Note(text: note))
        }
        _ = try await world.call(.post, "/v1/chats/\(started.chat.id)/close", token: started.credentials.accessToken)
        return started
    }

    static func search(_ world: TestWorld, _ query: String, token: String) async throws -> [Found] {
        try await world.expect(.ok, Wire.List<Found>.self, .get, "/v1/chats?\(query)", token: token).items
    }

    @Test(arguments: TestBackend.available)
    func agentsFindChatsByTheirLinesAndVisitorsFoldedAlikeOnEveryDatabase(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let support = try await world.createDepartment("Support", admin: admin)
            let seller = try await world.agentToken("sam@example.com", departments: [sales.id], admin: admin)
            let helper = try await world.agentToken("hal@example.com", departments: [support.id], admin: admin)
            let street = try await Self.chat(world, department: sales.id, name: "Olga", message: "Ich wohne in der Hauptstraße 5", agent: seller)
            let school = try await Self.chat(
                world, department: sales.id, name: "Ana", message: "Hi", answer: "Our ÉCOLE programme starts in May", agent: seller
            )
            let percent = try await Self.chat(
                world, department: support.id, name: "Pat", message: "I am 100% sure about a_b", note: "école secret", agent: helper
            )

            let found = try await Self.search(world, "q=STRASSE", token: seller)
            #expect(found.map(\.id) == [street.chat.id])
            #expect(found.first?.match == "Ich wohne in der Hauptstraße 5")
            #expect(try await Self.search(world, "q=%C3%A9cole", token: admin).map(\.id) == [school.chat.id], "notes are not searched")
            #expect(try await Self.search(world, "q=%25", token: admin).map(\.id) == [percent.chat.id])
            #expect(try await Self.search(world, "q=0_", token: admin).isEmpty)
            #expect(try await Self.search(world, "q=a_b", token: admin).first?.match == "I am 100% sure about a_b")
            #expect(try await Self.search(world, "q=OLGA@", token: seller).map(\.id) == [street.chat.id])
            #expect(try await Self.search(world, "q=100", token: seller).isEmpty, "another department's chat stays hidden")
            #expect(try await Self.search(world, "q=e", token: admin).map(\.id) == [percent.chat.id, school.chat.id, street.chat.id])
            let first = try await Self.search(world, "q=e&limit=2", token: admin)
            #expect(try await Self.search(world, "q=e&limit=2&before=\(first[1].number)", token: admin).map(\.id) == [street.chat.id])
            #expect(try await Self.search(world, "visitorId=\(street.visitor.id)", token: seller).map(\.id) == [street.chat.id])
            #expect(try await Self.search(world, "visitorId=\(percent.visitor.id)", token: seller).isEmpty)
            #expect(try await Self.search(world, "visitorId=\(street.visitor.id)", token: seller).first?.match == nil)

            let long = String(repeating: "x", count: 201)
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "q", .get, "/v1/chats?q=", token: admin)
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "q", .get, "/v1/chats?q=\(long)", token: admin)
            try await world.expectError(.unprocessableContent, code: "invalid_field", field: "q", .get, "/v1/chats?q=a%0Ab", token: admin)
            try await world.expectError(.forbidden, code: "forbidden", .get, "/v1/chats?q=e", token: street.credentials.accessToken)
            try await world.expectError(.forbidden, code: "forbidden", .get, "/v1/chats?q=e&departmentId=\(support.id)", token: seller)
        }
    }

    @Test(arguments: TestBackend.available)
    func theMatchShowsUpTo160CharactersAroundTheFirstHit(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            let sales = try await world.createDepartment("Sales", admin: admin)
            let before = String(repeating: "a", count: 300)
            let after = String(repeating: "b", count: 300)
            _ = try await Self.chat(world, department: sales.id, name: "Lena", message: "\(before) NEEDLE \(after)", agent: admin)
            let match = try #require(try await Self.search(world, "q=needle", token: admin).first?.match)
            #expect(match.hasPrefix("…") && match.hasSuffix("…") && match.contains(" NEEDLE "))
            #expect(match.count == 162, "160 characters and the two ellipses")
        }
    }
}

extension ChatSearchTests {
    /// A page cursor that is not a 64-bit integer is refused on every list, searched or not.
    @Test(arguments: TestBackend.available)
    func aMalformedBeforeIsRefusedEvenWithoutASearch(_ backend: TestBackend) async throws {
        try await TestWorld.run(backend) { world in
            let admin = try await world.adminToken()
            for query in ["before=9223372036854775808", "before=soon", "q=parcel&before=1.5"] {
                try await world.expectError(.badRequest, code: "malformed_request", .get, "/v1/chats?\(query)", token: admin)
            }
        }
    }
}
