import Foundation

/// TOML basic strings, for writing calendar files in their own layout (TOMLKit's writer
/// would choose its own quoting and table order).
enum TOMLString {
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
