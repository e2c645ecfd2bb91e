import Foundation
import Hummingbird

/// A Comm100 answer whose objects list their fields in the order their types declare them,
/// which is the order of Comm100's samples: clients written against those samples may read
/// fields by position, and Foundation's `JSONEncoder` on Linux does not keep that order.
///
/// It writes the shapes Comm100's wire types use: structs (by their stored properties, in
/// declaration order), arrays, strings and integers.
struct Comm100OrderedJSON<Value: Sendable>: ResponseGenerator {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var text = ""
        try Self.write(value, to: &text)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }

    static func write(_ value: Any, to text: inout String) throws {
        switch value {
        case let string as String:
            JSONStringText.append(string, to: &text)
        case let number as Int:
            text += String(number)
        case let array as [Any]:
            text += "["
            for (index, element) in array.enumerated() {
                if index > 0 { text += "," }
                try write(element, to: &text)
            }
            text += "]"
        default:
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .struct else { throw UnsupportedValue(type: "\(type(of: value))") }
            text += "{"
            for (index, child) in mirror.children.enumerated() {
                if index > 0 { text += "," }
                JSONStringText.append(child.label ?? "", to: &text)
                text += ":"
                try write(child.value, to: &text)
            }
            text += "}"
        }
    }

    /// A kind of value the Comm100 wire types do not hold: a programming error, reported as a 500.
    struct UnsupportedValue: Error {
        let type: String
    }
}
