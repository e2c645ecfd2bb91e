import Foundation
import Hummingbird

/// What an XML body must be before it is parsed: UTF-8, without a document type. The parser
/// must never see one: FoundationXML on Linux substitutes declared entities without telling
/// its delegate (so `LPXMLReader` cannot stop an entity bomb), and crashes on a notation
/// declaration without a public id. In UTF-8 a document type can only be written as the
/// bytes `<!DOCTYPE`, so a byte search finds every one; in UTF-16 or another encoding it
/// could hide from the search, so other encodings are refused (415) whatever the body, its
/// BOM or its declaration says.
enum LPXMLBody {
    static func check(_ data: Data, contentType: String) throws {
        guard isUTF8(data, contentType: contentType) else {
            throw APIError(
                status: .unsupportedMediaType, code: "unsupported_encoding",
                message: "XML bodies must be encoded in UTF-8."
            )
        }
        guard data.range(of: Data("<!DOCTYPE".utf8)) == nil, data.range(of: Data("<!doctype".utf8)) == nil else {
            throw LPXMLReader.documentTypeRefused
        }
    }

    private static func isUTF8(_ data: Data, contentType: String) -> Bool {
        if let charset = parameter("charset", of: contentType), !isUTF8Name(charset) {
            return false
        }
        // Valid UTF-8 without U+0000, which UTF-16 and UTF-32 text is full of and XML forbids.
        guard String(data: data, encoding: .utf8) != nil, !data.contains(0) else { return false }
        guard let declared = declaredEncoding(data) else { return true }
        return isUTF8Name(declared)
    }

    private static func isUTF8Name(_ name: String) -> Bool {
        ["utf-8", "utf8"].contains(name.lowercased())
    }

    /// A `name=value` parameter of a media type.
    private static func parameter(_ name: String, of mediaType: String) -> String? {
        for part in mediaType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return nil
    }

    /// The `encoding` of the XML declaration (`<?xml version="1.0" encoding="..."?>`), if any.
    private static func declaredEncoding(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(256), as: UTF8.self)
        let text = head.hasPrefix("\u{FEFF}") ? String(head.dropFirst()) : head
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>") else { return nil }
        let declaration = text[..<end.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}
