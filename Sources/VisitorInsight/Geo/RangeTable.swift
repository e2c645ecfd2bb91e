import Foundation

/// Sorted, non-overlapping address ranges, each with a place index, searched in O(log n).
/// Three flat arrays rather than an array of structs: half a million ranges stay compact.
struct RangeTable<Address: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    private(set) var starts: [Address] = []
    private var ends: [Address] = []
    private var places: [UInt16] = []

    var count: Int { starts.count }

    /// Adds a range above every range so far, merging it into the last one when they touch
    /// and share a place. Returns false if it is not above the last range.
    mutating func append(_ start: Address, _ end: Address, place: UInt16) -> Bool {
        guard start <= end else { return false }
        if let lastEnd = ends.last {
            guard start > lastEnd else { return false }
            if start == lastEnd &+ 1, places.last == place {
                ends[ends.count - 1] = end
                return true
            }
        }
        starts.append(start)
        ends.append(end)
        places.append(place)
        return true
    }

    /// The place index of the range holding `address`, if any.
    func place(of address: Address) -> UInt16? {
        // The first range starting above the address; the one before it is the candidate.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0, address <= ends[low - 1] else { return nil }
        return places[low - 1]
    }
}

/// A range file that cannot be read as Tor's geoip format.
public struct GeoRangeFileError: Error, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let reason: String

    public var description: String { "\(path):\(line): \(reason)" }
}

/// Reads Tor's geoip files: `#` comments, and lines `FROM,TO,CC` where the bounds are integers
/// (IPv4) or addresses (IPv6) and `CC` a country code, `??` when unknown. Ranges whose code names
/// no country are left out, so their addresses find nothing.
enum TorGeoIPFile {
    static func read<Address>(
        _ path: String, catalog: inout PlaceCatalog,
        bound: (UnsafeBufferPointer<UInt8>) -> Address?
    ) throws -> RangeTable<Address> {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var table = RangeTable<Address>()
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            var lineNumber = 0
            while lineStart < bytes.count {
                lineNumber += 1
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { lineStart = lineEnd + 1 }
                var contentEnd = lineEnd
                if contentEnd > lineStart, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
                guard contentEnd > lineStart, bytes[lineStart] != UInt8(ascii: "#") else { continue }

                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<contentEnd])
                func fail(_ reason: String) -> GeoRangeFileError {
                    GeoRangeFileError(path: path, line: lineNumber, reason: reason)
                }
                guard let firstComma = line.firstIndex(of: UInt8(ascii: ",")),
                    let secondComma = line[(firstComma + 1)...].firstIndex(of: UInt8(ascii: ",")),
                    line.count - secondComma == 3
                else { throw fail("expected FROM,TO,CC") }
                guard let start = bound(UnsafeBufferPointer(rebasing: line[..<firstComma])),
                    let end = bound(UnsafeBufferPointer(rebasing: line[(firstComma + 1)..<secondComma]))
                else { throw fail("unreadable address") }
                guard let place = catalog.index(ofCode: line[secondComma + 1], line[secondComma + 2]) else { continue }
                guard table.append(start, end, place: place) else {
                    // geoip-db-tool writes sorted, disjoint ranges; anything else is a file we don't understand.
                    throw fail("range out of order or overlapping the one before")
                }
            }
        }
        return table
    }
}
