import Foundation

/// An attachment's id: an opaque string (a lowercase UUID when Parley creates it).
public struct AttachmentID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// A file posted in a chat, as its event carries it: the bytes are fetched on their own.
public struct Attachment: Sendable, Equatable, Codable {
    public var id: AttachmentID
    /// The file name as cleaned on upload (no path, no control characters, at most 255 bytes).
    public var name: String
    /// The type the server decided from the bytes, never the one the client declared.
    public var contentType: String
    /// The size in bytes.
    public var size: Int

    public init(id: AttachmentID, name: String, contentType: String, size: Int) {
        self.id = id
        self.name = name
        self.contentType = contentType
        self.size = size
    }

    /// The line faces without attachments show instead of the file.
    public var line: String { "Sent a file: \(name)" }

    /// Whether browsers may show it in place (images) rather than download it.
    public var isImage: Bool { contentType.hasPrefix("image/") }
}

extension AttachmentID: Codable {
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A stored attachment with what decides who may read it: its chat and who posted it.
public struct StoredAttachment: Sendable, Equatable {
    public var attachment: Attachment
    public var chatID: ChatID
    public var uploader: EventAuthor

    public init(attachment: Attachment, chatID: ChatID, uploader: EventAuthor) {
        self.attachment = attachment
        self.chatID = chatID
        self.uploader = uploader
    }
}

/// A file as a client sent it, before it is checked.
public struct AttachmentUpload: Sendable {
    /// The file name the client gave (may hold a path, controls, anything).
    public var filename: String
    /// The content type the client declared; only a hint.
    public var declaredType: String
    public var bytes: Data

    public init(filename: String, declaredType: String, bytes: Data) {
        self.filename = filename
        self.declaredType = declaredType
        self.bytes = bytes
    }
}
