import ChatCore

/// Comm100 names everything by GUID; Parley's ids are shorter. This is the one reversible
/// mapping between them:
///
/// - A visitor id Parley makes (`IdentifierGenerator.shortHex()`, 12 lowercase hex digits) fills
///   the GUID's last group behind zeros: `4f2a9c01d3e5` is `00000000-0000-0000-0000-4f2a9c01d3e5`.
///   Reading a GUID back takes those 12 digits when the 20 before them are zeros, in any case.
/// - A department id (a positive integer) is its 16 hex digits in the last two groups:
///   department 26 is `00000000-0000-0000-0000-00000000001a`; no department is all zeros.
///
/// Anything else (an id of another shape, a GUID with other leading digits) passes through
/// unchanged, so the plain Parley id is accepted as well and an unknown GUID finds nothing.
enum Comm100GUID {
    /// The GUID of a department, nil being "no department".
    static let noDepartment = "00000000-0000-0000-0000-000000000000"

    static func visitor(_ id: VisitorID) -> String {
        let raw = id.rawValue
        guard raw.utf8.count == 12, raw.utf8.allSatisfy(isLowercaseHex) else { return raw }
        return "00000000-0000-0000-0000-" + raw
    }

    /// The Parley visitor id a GUID (or a plain id) names.
    static func visitorID(_ text: String) -> VisitorID {
        let lowered = text.lowercased()
        let zeros = "00000000-0000-0000-0000-"
        guard lowered.utf8.count == 36, lowered.hasPrefix(zeros) else { return VisitorID(text) }
        let tail = lowered.dropFirst(zeros.count)
        return tail.utf8.allSatisfy(isLowercaseHex) ? VisitorID(String(tail)) : VisitorID(text)
    }

    static func department(_ id: DepartmentID?) -> String {
        guard let id, id.rawValue > 0 else { return noDepartment }
        let hex = String(id.rawValue, radix: 16)
        let digits = String(repeating: "0", count: 16 - hex.count) + hex
        return "00000000-0000-0000-" + digits.prefix(4) + "-" + digits.dropFirst(4)
    }

    private static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
