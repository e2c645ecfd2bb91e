import ChatCore
import Hummingbird

/// A pre-chat form field as the native API reads and writes it.
struct PrechatFieldWire: ResponseCodable {
    let key: String
    let label: String
    let type: String
    let required: Bool
    let options: [String]
    let departmentId: Int64?

    init(_ field: PrechatField) {
        key = field.key
        label = field.label
        type = field.kind.rawValue
        required = field.isRequired
        options = field.options
        departmentId = field.departmentID?.rawValue
    }

    private enum CodingKeys: String, CodingKey {
        case key, label, type, required, options, departmentId
    }

    /// `required` and `options` may be left out (false, none); `departmentId` too (global).
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        label = try container.decode(String.self, forKey: .label)
        type = try container.decode(String.self, forKey: .type)
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        options = try container.decodeIfPresent([String].self, forKey: .options) ?? []
        departmentId = try container.decodeIfPresent(Int64.self, forKey: .departmentId)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(label, forKey: .label)
        try container.encode(type, forKey: .type)
        try container.encode(required, forKey: .required)
        try container.encode(options, forKey: .options)
        try container.encode(departmentId, forKey: .departmentId)
    }

    var draft: PrechatFieldDraft {
        PrechatFieldDraft(
            key: key, label: label, type: type, isRequired: required, options: options, departmentID: departmentId.map { DepartmentID($0) }
        )
    }
}

struct PrechatFieldsRequest: Decodable {
    let items: [PrechatFieldWire]
}
