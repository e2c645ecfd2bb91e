/// A strict reader for the part of TOML that calendar files use: comments, `[table]` and
/// `[[array.of.tables]]` headers with bare dotted keys, and `key = "basic"` or `key = 'literal'`
/// strings. Anything else (numbers, inline tables, multi-line strings, a key set twice) is an
/// error naming its line, rather than a value silently misread.
enum TOMLSubset {
    /// A table: string values and nested tables or arrays of tables, by key.
    final class Table {
        var strings: [String: String] = [:]
        var tables: [String: Table] = [:]
        var arrays: [String: [Table]] = [:]

        func has(_ key: String) -> Bool { strings[key] != nil || tables[key] != nil || arrays[key] != nil }
    }

    struct SyntaxError: Error, Equatable {
        let line: Int
        let reason: String
    }

    static func parse(_ text: String) throws(SyntaxError) -> Table {
        let root = Table()
        var current = root
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            line = line.drop(while: \.isTOMLSpace)
            if line.isEmpty || line.first == "#" { continue }
            if line.hasPrefix("[[") {
                let keys = try header(line.dropFirst(2), closing: "]]", line: number)
                current = try appendTable(at: keys, in: root, line: number)
            } else if line.hasPrefix("[") {
                let keys = try header(line.dropFirst(), closing: "]", line: number)
                current = try table(at: keys, in: root, line: number)
            } else {
                let (key, value) = try keyValue(line, line: number)
                guard !current.has(key) else { throw SyntaxError(line: number, reason: "sets '\(key)' a second time") }
                current.strings[key] = value
            }
        }
        return root
    }

    private static func header(_ text: Substring, closing: String, line: Int) throws(SyntaxError) -> [String] {
        guard let end = text.range(of: closing) else { throw SyntaxError(line: line, reason: "has a header without '\(closing)'") }
        try requireEnd(text[end.upperBound...], line: line)
        let keys = text[..<end.lowerBound].split(separator: ".", omittingEmptySubsequences: false)
            .map { $0.trimmingTOMLSpace() }
        guard keys.allSatisfy(isBareKey) else { throw SyntaxError(line: line, reason: "has a header that is not bare dotted keys") }
        return keys.map(String.init)
    }

    private static func keyValue(_ text: Substring, line: Int) throws(SyntaxError) -> (String, String) {
        guard let equals = text.firstIndex(of: "=") else { throw SyntaxError(line: line, reason: "is neither a header nor 'key = value'") }
        let key = text[..<equals].trimmingTOMLSpace()
        guard isBareKey(key) else { throw SyntaxError(line: line, reason: "has a key that is not a bare key") }
        var rest = text[text.index(after: equals)...].drop(while: \.isTOMLSpace)
        let value = try TOMLString.read(&rest, line: line)
        try requireEnd(rest, line: line)
        return (String(key), value)
    }

    /// Only spaces and a comment may follow a header or a value.
    private static func requireEnd(_ text: Substring, line: Int) throws(SyntaxError) {
        let rest = text.drop(while: \.isTOMLSpace)
        guard rest.isEmpty || rest.first == "#" else { throw SyntaxError(line: line, reason: "has text after its value") }
    }

    private static func isBareKey(_ key: Substring) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { $0.isASCIILetterOrDigit || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// The table at `keys`, creating missing ones; through an array, the last table appended to it.
    private static func table(at keys: [String], in root: Table, line: Int) throws(SyntaxError) -> Table {
        var table = root
        for key in keys {
            if let next = table.tables[key] {
                table = next
            } else if let last = table.arrays[key]?.last {
                table = last
            } else if table.strings[key] != nil {
                throw SyntaxError(line: line, reason: "uses '\(key)' as a table but it is a value")
            } else {
                let next = Table()
                table.tables[key] = next
                table = next
            }
        }
        return table
    }

    private static func appendTable(at keys: [String], in root: Table, line: Int) throws(SyntaxError) -> Table {
        let parent = try table(at: Array(keys.dropLast()), in: root, line: line)
        let key = keys[keys.count - 1]
        guard parent.strings[key] == nil, parent.tables[key] == nil else {
            throw SyntaxError(line: line, reason: "uses '\(key)' as an array of tables but it is not one")
        }
        let table = Table()
        parent.arrays[key, default: []].append(table)
        return table
    }
}

extension Character {
    var isTOMLSpace: Bool { self == " " || self == "\t" }
}

extension Substring {
    func trimmingTOMLSpace() -> Substring {
        var text = drop(while: \.isTOMLSpace)
        while text.last?.isTOMLSpace == true { text = text.dropLast() }
        return text
    }
}

extension UInt8 {
    var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
