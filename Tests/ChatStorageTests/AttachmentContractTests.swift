import ChatCore
import ChatStorage
import Foundation
import ParleyTestSupport
import Testing

/// A file is stored exactly when its event is: a refused change, a replay or an erasure leaves no bytes behind.
@Suite("Attachment storage contract", .timeLimit(.minutes(2)))
struct AttachmentContractTests {
    static let now = ChatLogContractTests.now
    static let bytes = Data("%PDF-1.7 contract".utf8)

    static func attachment(_ id: String = UUID().uuidString.lowercased()) -> ChatCore.Attachment {
        ChatCore.Attachment(id: AttachmentID(id), name: "terms.pdf", contentType: "application/pdf", size: bytes.count)
    }

    static func attach(_ attachment: ChatCore.Attachment, by author: EventAuthor, key: String? = nil) -> @Sendable (Chat) throws -> ChatChange {
        { _ in ChatChange(events: [EventDraft(author: author, body: .attachment(attachment), clientMessageID: key)]) }
    }

    @Test(arguments: TestBackend.available)
    func aFileIsStoredWithItsEventAndReadBack(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let visitor = EventAuthor.visitor(chat.visitorID)
            let file = Self.attachment()
            let update = try await store.appendAttachment(file, bytes: Self.bytes, by: visitor, to: chat.id, replaying: nil, at: Self.now,
                                                          Self.attach(file, by: visitor))
            guard case .applied(_, let events) = update else { Issue.record("not applied"); return }
            #expect(events.map(\.body) == [.attachment(file)])
            #expect(try await store.events(of: chat.id, page: .after(nil, limit: 10)).last?.body == .attachment(file))
            #expect(try await store.attachment(file.id) == StoredAttachment(attachment: file, chatID: chat.id, uploader: visitor))
            #expect(try await store.attachmentBytes(file.id) == Self.bytes)
            #expect(try await store.attachment(AttachmentID("../parley.sqlite")) == nil)
            #expect(try await store.attachmentBytes(AttachmentID("../parley.sqlite")) == nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func aRefusalOrAReplayStoresNoFile(_ backend: TestBackend) async throws {
        try await withStorage(backend) { store in
            let department = try await store.createDepartment(name: "Sales", at: Self.now)
            let (chat, _) = try await ChatLogContractTests.startChat(in: store, department: department.id)
            let visitor = EventAuthor.visitor(chat.visitorID)
            let refused = Self.attachment()
            await #expect(throws: ChatError.chatEnded(chat.id)) {
                try await store.appendAttachment(refused, bytes: Self.bytes, by: visitor, to: chat.id, replaying: nil, at: Self.now) { chat in
                    throw ChatError.chatEnded(chat.id)
                }
            }
            #expect(try await store.attachment(refused.id) == nil)
            #expect(try await store.attachmentBytes(refused.id) == nil)

            let first = Self.attachment()
            let key = ClientMessageKey(author: visitor, clientMessageID: "c-1")
            _ = try await store.appendAttachment(first, bytes: Self.bytes, by: visitor, to: chat.id, replaying: key, at: Self.now,
                                                 Self.attach(first, by: visitor, key: "c-1"))
            let second = Self.attachment()
            let replay = try await store.appendAttachment(second, bytes: Self.bytes, by: visitor, to: chat.id, replaying: key, at: Self.now,
                                                          Self.attach(second, by: visitor, key: "c-1"))
            guard case .replayed(_, let event) = replay else { Issue.record("not replayed"); return }
            #expect(event.body == .attachment(first))
            #expect(try await store.attachment(second.id) == nil)
            #expect(try await store.attachmentBytes(second.id) == nil)
            #expect(try await store.count("SELECT COUNT(*) AS n FROM attachments") == 1)
        }
    }
}
