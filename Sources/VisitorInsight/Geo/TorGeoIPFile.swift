import Foundation

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
        var table = RangeTable<Address>()
        try forEachLine(of: path) { from, to, code, line in
            guard let start = bound(from), let end = bound(to) else {
                throw GeoRangeFileError(path: path, line: line, reason: "unreadable address")
            }
            guard let place = catalog.index(ofCode: code.0, code.1) else { return }
            // geoip-db-tool writes sorted, disjoint ranges; anything else is a file we don't understand.
            guard table.append(start, end, place: place) else {
                throw GeoRangeFileError(path: path, line: line, reason: "range out of order or overlapping the last")
            }
        }
        return table
    }

    /// Calls `body` with the FROM and TO text, the code and the line number of each line that is
    /// not blank or a comment. Works on raw bytes with `memchr`: the files have half a million
    /// lines, and this keeps loading quick even in debug builds.
    private static func forEachLine(
        of path: String,
        _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, (UInt8, UInt8), Int) throws -> Void
    ) throws {
        let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        let comma = UInt8(ascii: ","), hash = UInt8(ascii: "#")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            let end = base + raw.count
            var lineStart = base
            var lineNumber = 0
            while lineStart < end {
                lineNumber += 1
                let lineEnd = find(newline, from: lineStart, to: end) ?? end
                defer { lineStart = lineEnd + 1 }
                var contentEnd = lineEnd
                if contentEnd > lineStart, contentEnd[-1] == carriageReturn { contentEnd -= 1 }
                guard contentEnd > lineStart, lineStart[0] != hash else { continue }

                guard let firstComma = find(comma, from: lineStart, to: contentEnd),
                    let secondComma = find(comma, from: firstComma + 1, to: contentEnd),
                    contentEnd - secondComma == 3
                else { throw GeoRangeFileError(path: path, line: lineNumber, reason: "expected FROM,TO,CC") }
                try body(UnsafeBufferPointer(start: lineStart, count: firstComma - lineStart),
                         UnsafeBufferPointer(start: firstComma + 1, count: secondComma - firstComma - 1),
                         (secondComma[1], secondComma[2]), lineNumber)
            }
        }
    }

    private static func find(_ byte: UInt8, from start: UnsafePointer<UInt8>,
                             to end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        memchr(start, Int32(byte), end - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }
    }
}
