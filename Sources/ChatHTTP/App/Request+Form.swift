import Foundation
import Hummingbird

extension Request {
    /// The body parsed as `application/x-www-form-urlencoded`, at most `limit` bytes.
    mutating func decodeForm(limit: Int) async throws -> [String: String] {
        try Self.formFields(String(buffer: try await body(limit: limit)))
    }

    /// Parses `application/x-www-form-urlencoded`; a malformed escape is a 400, not a guess.
    static func formFields(_ body: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decoded = parts.map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decoded[0], let value = decoded.count > 1 ? decoded[1] : "" else {
                throw APIError.badRequest("The form body is malformed.")
            }
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }
}
