import Foundation

/// TOML's one-line strings: `"basic"` with backslash escapes, and `'literal'` taken as written.
enum TOMLString {
    /// Reads the string at the start of `text` and leaves `text` after its closing quote.
    static func read(_ text: inout Substring, line: Int) throws(TOMLSubset.SyntaxError) -> String {
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            throw TOMLSubset.SyntaxError(line: line, reason: "has a value that is not a quoted string")
        }
        guard !text.hasPrefix(String(repeating: quote, count: 3)) else {
            throw TOMLSubset.SyntaxError(line: line, reason: "has a multi-line string, which calendar files do not use")
        }
        text = text.dropFirst()
        var value = ""
        while let character = text.first {
            text = text.dropFirst()
            if character == quote { return value }
            if character == "\\" && quote == "\"" {
                value.append(try escape(&text, line: line))
            } else if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) || character == "\t" {
                value.append(character)
            } else {
                throw TOMLSubset.SyntaxError(line: line, reason: "has a control character in a string")
            }
        }
        throw TOMLSubset.SyntaxError(line: line, reason: "has a string without its closing quote")
    }

    private static func escape(_ text: inout Substring, line: Int) throws(TOMLSubset.SyntaxError) -> Character {
        guard let code = text.first else { throw TOMLSubset.SyntaxError(line: line, reason: "ends a string with a backslash") }
        text = text.dropFirst()
        switch code {
        case "\"": return "\""
        case "\\": return "\\"
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "u", "U":
            let length = code == "u" ? 4 : 8
            let digits = text.prefix(length)
            text = text.dropFirst(length)
            guard digits.count == length, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw TOMLSubset.SyntaxError(line: line, reason: "has a bad \\\(code) escape")
            }
            return Character(scalar)
        default:
            throw TOMLSubset.SyntaxError(line: line, reason: "has an unknown escape \\\(code)")
        }
    }

    /// `value` as a TOML basic string, quotes included.
    static func write(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
