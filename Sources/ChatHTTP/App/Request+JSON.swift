import ChatCore
import Foundation
import Hummingbird
import NIOCore

extension Request {
    /// Reads the body (at most `limit` bytes, or 413) and decodes it as JSON, or answers 400
    /// with a message that names what is wrong.
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let buffer = try await body(limit: limit)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("The request needs a JSON body.") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw APIError.badRequest(Self.describe(error))
        }
    }

    /// The whole body, at most `limit` bytes; a larger one is a 413, whatever the face.
    mutating func body(limit: Int) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.bodyTooLarge(limit: limit)
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "Field '\(parent.isEmpty ? key.stringValue : parent + "." + key.stringValue)' is required."
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "Field '\(path(context.codingPath))' must be \(describe(type))."
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "Field '\(path(context.codingPath))' has an invalid value."
        default:
            return "The body is not valid JSON."
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type: "an integer"
        case is [Any].Type: "an array"
        default: "of another type"
        }
    }
}

extension Parameters {
    /// A path parameter, or 400 when it is missing.
    func required(_ name: String) throws -> String {
        guard let value = self.get(name) else { throw APIError.badRequest("Missing path parameter '\(name)'.") }
        return value
    }

    /// The `departmentId` path parameter; one that is not a number names no department (404).
    func departmentID() throws -> DepartmentID {
        let text = try required("departmentId")
        guard let value = Int64(text) else {
            throw APIError(status: .notFound, code: "department_not_found", message: "No department has the id '\(text)'.")
        }
        return DepartmentID(value)
    }
}

extension Request {
    /// An optional integer query parameter, or 400 when present but not an integer.
    func queryInteger(_ name: String) throws -> Int? {
        guard let text = uri.queryParameters[name[...]] else { return nil }
        guard let value = Int(text) else { throw APIError.badRequest("Query parameter '\(name)' must be an integer.") }
        return value
    }
}
