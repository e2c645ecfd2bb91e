import Foundation

/// The keys of a JSON object's top level in the order the text writes them, which `JSONValue`
/// (a dictionary) forgets: for faces whose clients may read fields by position.
enum JSONKeyOrder {
    static func topLevelKeys(of data: Data) -> [String] {
        var keys: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var current: [UInt8] = []
        var lastString: [UInt8]?
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    lastString = current
                    continue
                }
                current.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true; current = []
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; lastString = nil
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1; lastString = nil
            case UInt8(ascii: ":"):
                if depth == 1, let key = lastString { keys.append(String(decoding: key, as: UTF8.self)) }
                lastString = nil
            case UInt8(ascii: ","): lastString = nil
            default: break
            }
        }
        return keys
    }
}
