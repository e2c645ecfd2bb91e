import Foundation

/// `value; key=token; key="quoted \"string\""` as header fields write parameters (RFC 9110),
/// and RFC 8187's `UTF-8''percent%20encoded` extended values.
enum HeaderParameters {
    /// The leading value and the parameters (keys lowercased); nil when a parameter is malformed.
    static func split(_ header: String) -> (String, [String: String])? {
        var scalars = Substring(header).unicodeScalars[...]
        func skipSpaces() { while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() } }
        func token() -> String {
            var text = ""
            while let first = scalars.first, first != ";", first != "=" { text.unicodeScalars.append(scalars.removeFirst()) }
            return text.trimmingCharacters(in: .whitespaces)
        }
        let value = token()
        var parameters: [String: String] = [:]
        while scalars.first == ";" {
            scalars.removeFirst()
            skipSpaces()
            if scalars.isEmpty { break }
            let key = token().lowercased()
            guard !key.isEmpty, scalars.first == "=" else { return nil }
            scalars.removeFirst()
            skipSpaces()
            if scalars.first == "\"" {
                scalars.removeFirst()
                var text = ""
                while true {
                    guard let next = scalars.popFirst() else { return nil }
                    if next == "\"" { break }
                    if next == "\\" {
                        guard let escaped = scalars.popFirst() else { return nil }
                        text.unicodeScalars.append(escaped)
                    } else {
                        text.unicodeScalars.append(next)
                    }
                }
                parameters[key] = text
                skipSpaces()
            } else {
                parameters[key] = token()
            }
        }
        return (value, parameters)
    }

    /// `UTF-8''na%C3%AFve.txt` -> `naïve.txt`; nil for another charset or bad encoding.
    static func extendedValue(_ value: String) -> String? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }

    /// `filename*=UTF-8''...` for a response's Content-Disposition: every byte outside RFC 8187's attr-char percent-encoded.
    static func extendedFilename(_ name: String) -> String {
        let plain = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        let encoded = name.utf8.map { byte in
            plain.contains(byte) ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
        return "filename*=UTF-8''" + encoded
    }
}
