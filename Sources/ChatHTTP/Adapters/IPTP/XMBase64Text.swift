import Foundation

/// XM's web client sends every line base64-encoded (UTF-8 first) and, reading, decodes what
/// looks like base64, showing anything else as it is. Parley keeps lines as plain text so
/// every other face and webhook reads them: a line is decoded when it is well-formed base64
/// of printable UTF-8, as that client would show it, and kept as it came otherwise (a client
/// following XM's documentation sends plain text).
enum XMBase64Text {
    static func plain(_ line: String) -> String {
        guard !line.isEmpty, line.utf8.count % 4 == 0, isBase64Alphabet(line),
              let bytes = Data(base64Encoded: line), let text = String(data: bytes, encoding: .utf8),
              !text.isEmpty, text.unicodeScalars.allSatisfy(isPrintable) else { return line }
        return text
    }

    /// Letters, digits, `+` and `/`, with at most two `=` at the end only.
    private static func isBase64Alphabet(_ line: String) -> Bool {
        let body = line.utf8.reversed().drop { $0 == UInt8(ascii: "=") }
        guard line.utf8.count - body.count <= 2 else { return false }
        return body.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
        }
    }

    /// Line breaks and tabs, and no other control character: binary that happens to decode is not a line.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar.properties.generalCategory != .control
    }
}
