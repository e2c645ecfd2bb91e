import ChatCore
import Foundation
import HTTPTypes
import Hummingbird

extension Request {
    /// The format the client asked for.
    var livePersonFormat: LPFormat { LPFormat(accept: headers[.accept]) }

    /// The body as a node, read as XML when it says so (or looks like it), as JSON otherwise.
    mutating func livePersonBody(limit: Int) async throws -> LPNode {
        let buffer = try await body(limit: limit)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("The request needs a JSON or XML body.") }
        let data = Data(buffer: buffer)
        let type = headers[.contentType]?.lowercased() ?? ""
        if type.contains("xml") || (!type.contains("json") && data.first == UInt8(ascii: "<")) {
            try LPXMLBody.check(data, contentType: type)
            return try LPXMLReader.read(data)
        }
        do {
            return try JSONDecoder().decode(LPNode.self, from: data)
        } catch {
            throw APIError.badRequest("The body is not valid JSON.")
        }
    }

    /// Whether a POST asks to be taken as a PUT (`X-HTTP-Method-Override: PUT`), as
    /// LivePerson's clients do where PUT is not available to them.
    var overridesToPut: Bool {
        headers[Self.methodOverride]?.trimmingCharacters(in: .whitespaces).uppercased() == "PUT"
    }

    static let methodOverride = HTTPField.Name("X-HTTP-Method-Override")!

    /// An optional query parameter that must be an event id: a whole number from 0.
    func livePersonEventID(_ name: String) throws -> Int? {
        guard let value = try queryInteger(name) else { return nil }
        guard (0...LPEvents.maxID).contains(value) else {
            throw APIError.badRequest("Query parameter '\(name)' must be an event id from 0 to \(LPEvents.maxID).")
        }
        return value
    }
}

extension LPNode {
    /// The single document inside `{name: ...}` when the body is wrapped, else the body itself.
    func unwrapped(_ name: String) -> LPNode {
        self[name] ?? self
    }
}

/// Plain text from a line sent as `textType: html`: tags dropped (line breaks and the ends
/// of paragraphs and blocks become new lines), common entities decoded.
enum LPHTMLText {
    static func plain(_ html: String) -> String {
        var text = ""
        var tag: String?
        for character in html {
            switch character {
            case "<" where tag == nil:
                tag = ""
            case ">" where tag != nil:
                let name = (tag ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "/" }).first ?? ""
                let closes = tag?.hasPrefix("/") == true
                if name == "br" || (closes && ["p", "div", "li"].contains(name)) { text.append("\n") }
                tag = nil
            default:
                if tag != nil { tag?.append(character) } else { text.append(character) }
            }
        }
        let entities = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&nbsp;", " "), ("&amp;", "&")]
        for (entity, character) in entities {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
