/// A string as JSON text (RFC 8259 §7), for the faces that write JSON by hand to keep a
/// vendor's field order: quotes, backslashes and control characters escaped, and U+2028/U+2029
/// too, so the text is also safe inside a `<script>`.
enum JSONStringText {
    static func append(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
