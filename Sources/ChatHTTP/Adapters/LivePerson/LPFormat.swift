import Foundation
import Hummingbird

/// The two formats the LivePerson API speaks: JSON by default, XML for clients that ask.
enum LPFormat: Sendable {
    case json
    case xml

    /// XML when the `Accept` header prefers it, JSON otherwise.
    init(accept: String?) {
        let accept = accept?.lowercased() ?? ""
        self = accept.contains("xml") && !accept.contains("json") ? .xml : .json
    }

    /// The format a path's suffix names (`events.json`, `info.xml`); nil for any other suffix.
    init?(suffix: Substring) {
        switch suffix.lowercased() {
        case "json": self = .json
        case "xml": self = .xml
        default: return nil
        }
    }

    /// The media type a client names in `Accept` to ask for this format.
    var mediaType: String {
        switch self {
        case .json: "application/json"
        case .xml: "application/xml"
        }
    }

    var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .xml: "application/xml; charset=utf-8"
        }
    }

    func render(_ node: LPNode) -> String {
        switch self {
        case .json: LPJSONWriter.write(node)
        case .xml: LPXMLWriter.document(node)
        }
    }

    func response(_ node: LPNode?, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        guard let node else { return Response(status: status, headers: headers) }
        var response = Response(
            status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: render(node)))
        )
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// Writes a node as compact JSON, fields in order. LivePerson's own JSON is converted from its
/// XML and writes an attribute `href` as `@href`, which its clients read; the seed's documents
/// write `href`. Each attribute is written both ways, so clients of either kind find it.
enum LPJSONWriter {
    static func write(_ node: LPNode) -> String {
        var out = ""
        write(node, to: &out)
        return out
    }

    private static func write(_ node: LPNode, to out: inout String) {
        switch node {
        case .string(let text): JSONStringText.append(text, to: &out)
        case .number(let number): out += String(number)
        case .boolean(let flag): out += String(flag)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            var isFirst = true
            for field in fields {
                for key in field.isAttribute ? [field.key, "@" + field.key] : [field.key] {
                    if !isFirst { out += "," }
                    isFirst = false
                    JSONStringText.append(key, to: &out)
                    out += ":"
                    write(field.value, to: &out)
                }
            }
            out += "}"
        }
    }
}

/// Writes a one-field object `{name: value}` as the XML document `<name>…</name>`. A list
/// field repeats its element (`"chat": [a, b]` is `<chat>a</chat><chat>b</chat>`).
enum LPXMLWriter {
    static func document(_ node: LPNode) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        if case .object(let fields) = node {
            for field in fields { element(field.key, field.value, to: &out) }
        }
        return out
    }

    private static func element(_ name: String, _ node: LPNode, to out: inout String) {
        switch node {
        case .array(let items):
            for item in items { element(name, item, to: &out) }
        case .string, .number, .boolean:
            out += "<\(name)>\(escape(node.text ?? ""))</\(name)>"
        case .object(let fields):
            out += "<\(name)"
            for field in fields where field.isAttribute {
                out += " \(field.key)=\"\(escape(field.value.text ?? ""))\""
            }
            let children = fields.filter { !$0.isAttribute }
            guard !children.isEmpty else {
                out += "/>"
                return
            }
            out += ">"
            for child in children { element(child.key, child.value, to: &out) }
            out += "</\(name)>"
        }
    }

    private static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // XML 1.0 cannot carry a character outside its `Char` production at all, not even
            // as a reference; a parser would reject the whole document.
            case _ where !isXMLChar(scalar): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// XML 1.0's `Char`: tab, newline, carriage return, and U+0020 on, but for the surrogates
    /// (which a scalar never is) and U+FFFE, U+FFFF.
    static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
