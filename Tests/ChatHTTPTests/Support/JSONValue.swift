import Foundation

/// Any JSON document, for tests that compare shapes rather than types.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    init(data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var keys: Set<String> {
        if case .object(let object) = self { return Set(object.keys) }
        return []
    }

    /// Where `self` differs in shape from `expected`: a missing or extra key, or a value of
    /// another JSON kind. A `null` in `expected` matches anything: the seeds write null for
    /// values their example leaves out.
    func shapeDifferences(from expected: JSONValue, path: String = "$") -> [String] {
        switch (self, expected) {
        case (.object(let actual), .object(let wanted)):
            var problems = Set(actual.keys).symmetricDifference(wanted.keys).sorted().map { "\(path).\($0): present on one side only" }
            for (key, value) in wanted {
                if let other = actual[key] { problems += other.shapeDifferences(from: value, path: "\(path).\(key)") }
            }
            return problems
        case (_, .null), (.null, _), (.bool, .bool), (.number, .number), (.string, .string), (.array, .array):
            return []
        default:
            return ["\(path): \(self) is not of the kind of \(expected)"]
        }
    }
}
