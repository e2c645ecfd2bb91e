/// A LivePerson document, independent of its format: the face builds one answer and renders
/// it as JSON or XML, and reads JSON and XML bodies into the same shape. Fields keep their
/// order; attribute fields become XML attributes (`<link href="..." rel="self"/>`).
indirect enum LPNode: Equatable, Sendable {
    case object([LPField])
    case array([LPNode])
    case string(String)
    case number(Int64)
    case boolean(Bool)

    /// An object of these fields, leaving out the nil ones.
    static func fields(_ fields: KeyValuePairs<String, LPNode?>) -> LPNode {
        .object(fields.compactMap { key, value in value.map { LPField(key, $0) } })
    }

    /// An object whose scalar `attributes` come first and are XML attributes.
    static func element(attributes: KeyValuePairs<String, LPNode?>, _ fields: KeyValuePairs<String, LPNode?> = [:]) -> LPNode {
        let attributes = attributes.compactMap { key, value in value.map { LPField(key, $0, isAttribute: true) } }
        let children = fields.compactMap { key, value in value.map { LPField(key, $0) } }
        return .object(attributes + children)
    }

    /// `{name: value}`, the shape of every LivePerson document.
    static func document(_ name: String, _ value: LPNode) -> LPNode {
        .object([LPField(name, value)])
    }

    // MARK: Reading

    /// The value of an object's field. XML-minded clients write attributes as `@name` in
    /// JSON, so `@name` is accepted for `name` too.
    subscript(key: String) -> LPNode? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key || $0.key == "@" + key }?.value
    }

    /// A scalar's text; numbers as digits.
    var text: String? {
        switch self {
        case .string(let text): text
        case .number(let number): String(number)
        case .boolean(let flag): String(flag)
        case .object, .array: nil
        }
    }

    /// An array's elements, or the value itself: XML (and JSON converted from it) writes a
    /// list of one without the list.
    var items: [LPNode] {
        if case .array(let items) = self { return items }
        return [self]
    }
}

struct LPField: Equatable, Sendable {
    let key: String
    let value: LPNode
    var isAttribute = false

    init(_ key: String, _ value: LPNode, isAttribute: Bool = false) {
        self.key = key
        self.value = value
        self.isAttribute = isAttribute
    }
}

extension LPNode: Decodable {
    /// Reads any JSON value; fractions and booleans are kept as text, `null` as "".
    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [LPNode] = []
            while !array.isAtEnd { items.append(try array.decode(LPNode.self)) }
            self = .array(items)
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            self = .object(try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                LPField($0.stringValue, try object.decode(LPNode.self, forKey: $0))
            })
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                self = .string("")
            } else if let number = try? value.decode(Int64.self) {
                self = .number(number)
            } else if let text = try? value.decode(String.self) {
                self = .string(text)
            } else if let flag = try? value.decode(Bool.self) {
                self = .string(String(flag))
            } else {
                self = .string(String(try value.decode(Double.self)))
            }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        let intValue: Int? = nil
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}
