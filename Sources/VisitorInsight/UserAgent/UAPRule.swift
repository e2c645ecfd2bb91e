import Foundation

/// One compiled uap-core rule: a regular expression and how to turn its match into fields.
struct UAPRule: Sendable {
    /// Where one output field comes from: a replacement template when the rule has one,
    /// else a capture group (or nothing).
    struct Field: Sendable {
        let template: String?
        let group: Int?
    }

    let regex: NSRegularExpression
    let fields: [Field]

    init(pattern: String, caseInsensitive: Bool, fields: [Field]) throws {
        regex = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        self.fields = fields
    }

    /// The fields' values if the rule matches anywhere in `text`, else nil.
    func apply(to text: String) -> [String?]? {
        let whole = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: whole) else { return nil }
        let groups = (0..<match.numberOfRanges).map { index -> String? in
            let range = match.range(at: index)
            guard range.location != NSNotFound, let bounds = Range(range, in: text) else { return nil }
            return String(text[bounds])
        }
        return fields.map { field in
            if let template = field.template {
                return Self.substitute(template, groups: groups)
            }
            guard let index = field.group, index < groups.count, let value = groups[index], !value.isEmpty else {
                return nil
            }
            return value
        }
    }

    /// uap-core's replacement semantics: `$1`…`$9` become the groups (missing ones empty),
    /// the result is trimmed, and an empty result means "not given".
    static func substitute(_ template: String, groups: [String?]) -> String? {
        var result = ""
        var scalars = template.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if scalar == "$", let next = pending, let digit = Int(String(next)), digit >= 1 {
                result += digit < groups.count ? groups[digit] ?? "" : ""
                pending = scalars.next()
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        let trimmed = result.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension [UAPRule] {
    /// The fields of the first rule that matches `text`: uap-core's lists are ordered.
    func firstMatch(in text: String) -> [String?]? {
        for rule in self {
            if let fields = rule.apply(to: text) { return fields }
        }
        return nil
    }
}
