import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an XML body into a node: `<a x="1"><b>t</b><b>u</b></a>` is `{"a": {"x": "1", "b": ["t", "u"]}}`.
/// An element with neither attributes nor children is its text. No document type: entity
/// definitions are how XML bodies are blown up in memory, and nothing here needs one, so any
/// declaration the parser reports stops it. External entities are never resolved.
final class LPXMLReader: NSObject, XMLParserDelegate {
    private struct Open {
        let name: String
        var attributes: [LPField]
        var children: [(String, LPNode)] = []
        var text = ""
    }

    private var stack: [Open] = []
    private var root: LPNode?
    private var sawDeclaration = false

    /// The document, or 400 when it is not well-formed or the parser meets anything of a
    /// document type. (`LPXMLBody` keeps document types from reaching the parser at all.)
    static func read(_ data: Data) throws -> LPNode {
        let reader = LPXMLReader()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        let parsed = parser.parse()
        guard !reader.sawDeclaration else { throw Self.documentTypeRefused }
        guard parsed, let root = reader.root else { throw APIError.badRequest("The body is not well-formed XML.") }
        return root
    }

    static let documentTypeRefused = APIError.badRequest("XML bodies may not declare a document type or entities.")

    // MARK: Anything from a document type stops the parse

    private func refuse(_ parser: XMLParser) {
        sawDeclaration = true
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) {
        refuse(parser)
    }

    func parser(_ parser: XMLParser, foundAttributeDeclarationWithName attributeName: String, forElement elementName: String,
                type: String?, defaultValue: String?) {
        refuse(parser)
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        refuse(parser)
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        refuse(parser)
    }

    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
                notationName: String?) {
        refuse(parser)
    }

    func parser(_ parser: XMLParser, foundNotationDeclarationWithName name: String, publicID: String?, systemID: String?) {
        refuse(parser)
    }

    /// A reference to an entity that is neither predefined nor declared.
    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        refuse(parser)
        return nil
    }

    // MARK: Building the node

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
