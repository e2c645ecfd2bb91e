import ChatCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

extension Wire {
    struct Attachment: Codable, Equatable {
        let id: String
        let name: String
        let contentType: String
        let size: Int
    }

    /// An event as the native API writes one that may carry a file.
    struct FileEvent: Codable {
        let cursor: Int64
        let chatId: String
        let id: Int
        let type: String
        let author: Author
        let attachment: Attachment?
        let clientMessageId: String?
    }

    struct FileSync: Codable {
        let cursor: Int64
        let events: [FileEvent]
    }

    struct FilePage: Codable {
        let items: [FileEvent]
    }
}

/// Files the tests post.
enum Fixture {
    /// A PNG signature and a few bytes after it: the server looks at the signature only.
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x42, count: 56))
    static let pdf = Data("%PDF-1.7\n% a tiny document\n".utf8)
}

extension TestWorld {
    static let boundary = "parley-test-boundary-7MA4YWxkTrZu0gW"

    /// A `multipart/form-data` body with the file (when given) and a client message id (when given).
    static func form(file: Data?, filename: String = "photo.png", type: String = "image/png", clientMessageId: String? = nil) -> ByteBuffer {
        var body = Data()
        if let clientMessageId {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"clientMessageId\"\r\n\r\n\(clientMessageId)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8))
            body.append(file)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ByteBuffer(bytes: body)
    }

    /// Posts a multipart body to the chat's attachments.
    func upload(_ body: ByteBuffer, to chat: String, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(Self.boundary)"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: "/v1/chats/\(chat)/attachments", method: .post, headers: headers, body: body)
    }

    /// Posts a file and expects it stored (201) or replayed (200).
    func attach(
        _ file: Data, filename: String = "photo.png", type: String = "image/png", to chat: String, token: String,
        clientMessageId: String? = nil, status: HTTPResponse.Status = .created
    ) async throws -> Wire.FileEvent {
        let response = try await upload(
            Self.form(file: file, filename: filename, type: type, clientMessageId: clientMessageId), to: chat, token: token
        )
        #expect(response.status == status, "\(String(buffer: response.body))")
        return try JSONDecoder().decode(Wire.FileEvent.self, from: Data(buffer: response.body))
    }

    /// The files the SQLite deployment keeps beside its database; nil on PostgreSQL.
    var attachmentFiles: [String]? {
        guard case .sqliteFile(let path) = config.storage else { return nil }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("attachments")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }
}
