import Foundation
import NIOCore

/// A `multipart/form-data` body (RFC 7578) read whole, within a limit the caller enforced
/// while collecting it: the parts' headers and bodies, as pure parsing, tested without sockets.
struct MultipartForm {
    struct Part {
        let name: String
        let filename: String?
        let contentType: String?
        let body: Data
    }

    let parts: [Part]

    /// The most parts a form may hold, and the most bytes one part's headers may take.
    static let maxParts = 16
    static let maxHeaderBytes = 8 * 1024
    /// What the framing around a file (boundaries, part headers, small text parts) may add to it.
    static let framingAllowance = 64 * 1024

    /// The form's field at fault, for every error about the form itself.
    static let fileField = "file"

    static func malformed(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "malformed_request", message: message, field: fileField)
    }

    /// The boundary a `multipart/form-data` content type names.
    static func boundary(of contentType: String?) throws -> String {
        guard let contentType, case let (type, parameters)? = HeaderParameters.split(contentType),
              type.lowercased() == "multipart/form-data",
              let boundary = parameters["boundary"], (1...70).contains(boundary.utf8.count)
        else { throw malformed("The body must be multipart/form-data with a boundary, holding the file in a part named 'file'.") }
        return boundary
    }

    init(_ buffer: ByteBuffer, boundary: String) throws {
        parts = try buffer.withUnsafeReadableBytes { try Self.parts(of: $0, delimiter: Array("--\(boundary)".utf8)) }
    }

    private static func parts(of body: UnsafeRawBufferPointer, delimiter: [UInt8]) throws -> [Part] {
        let crlf: [UInt8] = [13, 10]
        guard var start = find(delimiter, in: body, from: 0).map({ $0 + delimiter.count }) else {
            throw malformed("The multipart body holds no part.")
        }
        var parts: [Part] = []
        while true {
            if has([45, 45], in: body, at: start) { break }
            guard has(crlf, in: body, at: start) else { throw malformed("A multipart boundary is not followed by a line break.") }
            let headersStart = start + 2
            guard let headersEnd = find(crlf + crlf, in: body, from: headersStart, within: maxHeaderBytes + 4) else {
                throw malformed("A part's headers are missing or too long.")
            }
            let contentStart = headersEnd + 4
            guard let next = find(crlf + delimiter, in: body, from: contentStart) else {
                throw malformed("The multipart body ends before its closing boundary.")
            }
            let headers = String(decoding: body[headersStart..<headersEnd], as: UTF8.self)
            parts.append(try part(headers: headers, body: Data(body[contentStart..<next])))
            guard parts.count <= maxParts else { throw malformed("The form holds more than \(maxParts) parts.") }
            start = next + 2 + delimiter.count
        }
        return parts
    }

    private static func has(_ bytes: [UInt8], in body: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        offset + bytes.count <= body.count && body[offset..<offset + bytes.count].elementsEqual(bytes)
    }

    /// Where `needle` first occurs at or after `start` (and, with `within`, starts fewer than
    /// that many bytes after it). `memchr` finds candidates: a 10 MiB file is scanned in a blink.
    private static func find(_ needle: [UInt8], in body: UnsafeRawBufferPointer, from start: Int, within: Int = .max) -> Int? {
        guard let base = body.baseAddress, let first = needle.first else { return nil }
        let end = body.count - needle.count + 1
        let stop = within == .max ? end : min(end, start + within)
        var offset = start
        while offset < stop {
            guard let hit = memchr(base + offset, Int32(first), stop - offset) else { return nil }
            let position = base.distance(to: UnsafeRawPointer(hit))
            if has(needle, in: body, at: position) { return position }
            offset = position + 1
        }
        return nil
    }

    private static func part(headers: String, body: Data) throws -> Part {
        var disposition: [String: String]?
        var contentType: String?
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw malformed("A part's header line has no colon.") }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() {
            case "content-disposition":
                guard case let (kind, parameters)? = HeaderParameters.split(value), kind.lowercased() == "form-data" else {
                    throw malformed("A part's Content-Disposition is not form-data.")
                }
                disposition = parameters
            case "content-type": contentType = value
            default: break
            }
        }
        guard let disposition, let name = disposition["name"] else { throw malformed("A part has no Content-Disposition name.") }
        return Part(name: name, filename: disposition["filename*"].flatMap(HeaderParameters.extendedValue) ?? disposition["filename"],
                    contentType: contentType, body: body)
    }

    /// The one part named `name`; nil when absent, an error when repeated.
    func part(named name: String) throws -> Part? {
        let matching = parts.filter { $0.name == name }
        guard matching.count <= 1 else { throw Self.malformed("The form holds more than one '\(name)' part.") }
        return matching.first
    }
}
