import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// A channel contact is registered once as a visitor; registering again keeps that visitor.
@Suite("Channel contact storage contract", .timeLimit(.minutes(2)))
struct ChannelContactContractTests {
    static let now = ChatLogContractTests.now

    static func contact(_ uuid: String, urn: String? = nil, mongoID: String? = nil) -> ChannelContact {
        ChannelContact(uuid: uuid, visitorID: VisitorID("v-\(uuid)"), urn: urn, mongoID: mongoID, registeredAt: now)
    }

    static func visitor(_ id: String, name: String) -> Visitor {
        Visitor(id: VisitorID(id), name: name, email: "", profile: VisitorProfile(), createdAt: now)
    }

    @Test(arguments: TestBackend.available)
    func aContactIsOneVisitorHoweverOftenItRegisters(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let first = try await store.registerChannelContact(
                Self.contact("c-1", urn: "facebook:1", mongoID: "m1"), as: Self.visitor("v-a", name: "Ana")
            )
            #expect(first.visitorID == VisitorID("v-a"))
            #expect(try await store.visitor(VisitorID("v-a"))?.name == "Ana")

            let again = try await store.registerChannelContact(
                Self.contact("c-1", urn: "facebook:2"), as: Self.visitor("v-b", name: "Ana María")
            )
            #expect(again.visitorID == VisitorID("v-a"), "the contact stays the visitor it was")
            #expect(again.urn == "facebook:2")
            #expect(again.mongoID == "m1", "what is not given again is kept")
            #expect(try await store.visitor(VisitorID("v-b")) == nil, "no second visitor")
            #expect(try await store.visitor(VisitorID("v-a"))?.name == "Ana María")
            #expect(try await store.channelContact(uuid: "c-1") == again)
            #expect(try await store.channelContact(of: VisitorID("v-a")) == again)
        }
    }

    @Test(arguments: TestBackend.available)
    func forgettingAContactKeepsItsVisitorAndHappensOnce(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            _ = try await store.registerChannelContact(Self.contact("c-2"), as: Self.visitor("v-c", name: "Bo"))
            #expect(try await store.forgetChannelContact(uuid: "c-2"))
            #expect(try await !store.forgetChannelContact(uuid: "c-2"))
            #expect(try await !store.forgetChannelContact(uuid: "nul\u{0}"))
            #expect(try await store.channelContact(uuid: "c-2") == nil)
            #expect(try await store.channelContact(of: VisitorID("v-c")) == nil)
            #expect(try await store.visitor(VisitorID("v-c")) != nil)
            #expect(try await store.channelContact(uuid: "nul\u{0}") == nil)

            let back = try await store.registerChannelContact(Self.contact("c-2"), as: Self.visitor("v-d", name: "Bo"))
            #expect(back.visitorID == VisitorID("v-d"), "a forgotten contact registering again is a new visitor")
        }
    }
}
