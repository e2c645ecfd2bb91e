import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an XML body into a node: `<a x="1"><b>t</b><b>u</b></a>` is `{"a": {"x": "1", "b": ["t", "u"]}}`.
/// An element with neither attributes nor children is its text. External entities are
/// never resolved.
final class LPXMLReader: NSObject, XMLParserDelegate {
    private struct Open {
        let name: String
        var attributes: [LPField]
        var children: [(String, LPNode)] = []
        var text = ""
    }

    private var stack: [Open] = []
    private var root: LPNode?

    static func read(_ data: Data) -> LPNode? {
        let reader = LPXMLReader()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else { return nil }
        return reader.root
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let fields = attributes.sorted { $0.key < $1.key }.map { LPField($0.key, .string($0.value), isAttribute: true) }
        stack.append(Open(name: name, attributes: fields))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: block, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let open = stack.popLast() else { return }
        let node = Self.node(of: open)
        if stack.isEmpty {
            root = .document(open.name, node)
        } else {
            stack[stack.count - 1].children.append((open.name, node))
        }
    }

    private static func node(of open: Open) -> LPNode {
        guard !open.attributes.isEmpty || !open.children.isEmpty else { return .string(open.text) }
        var fields = open.attributes
        var order: [String] = []
        var grouped: [String: [LPNode]] = [:]
        for (name, child) in open.children {
            if grouped[name] == nil { order.append(name) }
            grouped[name, default: []].append(child)
        }
        for name in order {
            let children = grouped[name] ?? []
            fields.append(LPField(name, children.count == 1 ? children[0] : .array(children)))
        }
        return .object(fields)
    }
}
