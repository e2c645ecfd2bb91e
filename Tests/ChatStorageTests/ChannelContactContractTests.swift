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

    /// A channel contact keeps no connection open: its chat is not abandoned however long it
    /// stays silent (the channel ends it, or an agent does).
    @Test(arguments: TestBackend.available)
    func aContactsChatIsNeverTakenForAbandoned(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let contact = try await store.registerChannelContact(Self.contact("c-3"), as: Self.visitor("v-e", name: "Cy"))
            _ = try await store.createChat(
                for: .known(contact.visitorID, VisitorUpdate()), chatID: ChatID("c-contact"), departmentID: department.id,
                events: [EventDraft(author: .system, body: .stateChanged(.queued))], at: Self.now
            )
            let browser = VisitorSessionContractTests.visitor("v-browser")
            _ = try await store.createChat(
                for: .new(browser, ChatLogContractTests.visitorSession(browser.id)), chatID: ChatID("c-browser"),
                departmentID: department.id, events: VisitorSessionContractTests.opening(browser), at: Self.now
            )
            let gone = try await store.chatsWithVisitorsGone(since: Self.now.addingTimeInterval(3600))
            #expect(gone.map(\.id) == [ChatID("c-browser")])
        }
    }
}
