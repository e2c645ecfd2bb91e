import Foundation

/// What a posted file is, decided by the server: the bytes of images and PDFs name their own
/// type (magic bytes), and a file whose bytes contradict its declared image or PDF type is
/// refused, so a page saved as `image/png` never reaches a browser as one.
public enum AttachmentRules {
    /// Types recognised by their first bytes.
    static let signatures: [(type: String, prefix: [UInt8], at: Int)] = [
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("image/jpeg", [0xFF, 0xD8, 0xFF], 0),
        ("image/gif", Array("GIF87a".utf8), 0),
        ("image/gif", Array("GIF89a".utf8), 0),
        ("image/webp", Array("WEBP".utf8), 8),
        ("application/pdf", Array("%PDF-".utf8), 0),
    ]

    /// The type the bytes announce, when they announce one.
    static func sniff(_ bytes: Data) -> String? {
        signatures.first { signature in
            guard bytes.count >= signature.at + signature.prefix.count else { return false }
            let start = bytes.startIndex + signature.at
            if signature.type == "image/webp", !bytes[bytes.startIndex..<bytes.startIndex + 4].elementsEqual("RIFF".utf8) { return false }
            return bytes[start..<start + signature.prefix.count].elementsEqual(signature.prefix)
        }?.type
    }

    /// The type to store and serve the file as, or `ChatError.unsupportedMediaType` when it
    /// is not one of `allowed`, or its bytes contradict its declared type.
    public static func contentType(declared: String, bytes: Data, allowed: [String]) throws -> String {
        let declared = normalised(declared)
        let recognisable = Set(signatures.map(\.type))
        let type: String
        if let sniffed = sniff(bytes) {
            if recognisable.contains(declared), declared != sniffed {
                throw ChatError.unsupportedMediaType(reason: "The file's bytes are \(sniffed), not the declared \(declared).")
            }
            type = sniffed
        } else if recognisable.contains(declared) {
            throw ChatError.unsupportedMediaType(reason: "The file's bytes are not \(declared), as declared.")
        } else {
            type = declared
        }
        guard allowed.contains(type) else {
            throw ChatError.unsupportedMediaType(reason: "Files of type '\(type)' are not accepted; accepted: \(allowed.joined(separator: ", ")).")
        }
        if type.hasPrefix("text/"), String(data: bytes, encoding: .utf8) == nil {
            throw ChatError.unsupportedMediaType(reason: "A text file must be UTF-8.")
        }
        return type
    }

    /// `Image/JPG; charset=x` -> `image/jpeg`.
    static func normalised(_ type: String) -> String {
        let bare = type.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        let lowered = bare.trimmingCharacters(in: .whitespaces).lowercased()
        return lowered == "image/jpg" ? "image/jpeg" : lowered
    }

    /// The name to keep: the last path component, without control, bidi or line-separator
    /// characters, trimmed, at most `maxBytes` UTF-8 bytes; "file" when nothing is left.
    public static func cleanName(_ name: String, maxBytes: Int = 255) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: base.unicodeScalars.filter { !$0.isForbiddenInLabel && !$0.isNull })
        let cleaned = String(scalars).trimmingCharacters(in: .whitespaces)
        let cut = cleaned.prefix(characters: maxBytes, bytes: maxBytes)
        return cut.isEmpty || cut == "." || cut == ".." ? "file" : cut
    }
}
