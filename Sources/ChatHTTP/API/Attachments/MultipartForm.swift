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
        let body = buffer.readableBytesView
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var start = body.firstRange(of: delimiter)?.upperBound else { throw Self.malformed("The multipart body holds no part.") }
        var parts: [Part] = []
        while true {
            if body[start...].starts(with: [45, 45]) { break }
            guard body[start...].starts(with: crlf) else { throw Self.malformed("A multipart boundary is not followed by a line break.") }
            let headersStart = body.index(start, offsetBy: 2)
            guard let headersEnd = body[headersStart...].firstRange(of: crlf + crlf),
                  body.distance(from: headersStart, to: headersEnd.lowerBound) <= Self.maxHeaderBytes
            else { throw Self.malformed("A part's headers are missing or too long.") }
            guard let next = body[headersEnd.upperBound...].firstRange(of: crlf + delimiter) else {
                throw Self.malformed("The multipart body ends before its closing boundary.")
            }
            let headers = String(decoding: body[headersStart..<headersEnd.lowerBound], as: UTF8.self)
            parts.append(try Self.part(headers: headers, body: Data(body[headersEnd.upperBound..<next.lowerBound])))
            guard parts.count <= Self.maxParts else { throw Self.malformed("The form holds more than \(Self.maxParts) parts.") }
            start = next.upperBound
        }
        self.parts = parts
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
