import ChatCore
import Foundation

/// LivePerson clients read agent and visitor ids as numbers. Parley's ids are hex (visitors)
/// or UUIDs (agents), so the face shows their leading 48 bits, which fit a JSON number
/// exactly; other ids get a 48-bit hash. Numbers are resolved back by matching.
enum LPNumbers {
    static func number(of id: String) -> Int64 {
        let hex = id.filter { $0 != "-" }.prefix(12)
        if hex.count == 12, let value = Int64(hex, radix: 16) { return value }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(hash & 0xFFFF_FFFF_FFFF)
    }

    static func number(of agent: AgentID) -> Int64 { number(of: agent.rawValue) }
    static func number(of visitor: VisitorID) -> Int64 { number(of: visitor.rawValue) }
}

/// LivePerson's times: ISO 8601 with milliseconds and a numeric offset (`+00:00`).
extension Date {
    var livePersonTime: String {
        let utc = iso8601
        return utc.hasSuffix("Z") ? String(utc.dropLast()) + "+00:00" : utc
    }
}
