import ChatCore
import Hummingbird

/// A canned response as the native API shows it.
struct CannedResponseResponse: ResponseCodable {
    let id: String
    let shortcut: String
    let title: String
    let text: String
    /// Null for a response every department uses.
    let departmentId: Int64?

    init(_ response: CannedResponse) {
        id = response.id
        shortcut = response.shortcut
        title = response.title
        text = response.text
        departmentId = response.departmentID?.rawValue
    }

    private enum CodingKeys: String, CodingKey {
        case id, shortcut, title, text, departmentId
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(shortcut, forKey: .shortcut)
        try container.encode(title, forKey: .title)
        try container.encode(text, forKey: .text)
        // Written as null rather than left out: a global response says so.
        try container.encode(departmentId, forKey: .departmentId)
    }
}

struct NewCannedResponseRequest: Decodable {
    let shortcut: String
    let title: String
    let text: String
    let departmentId: Int64?
}

/// Any of the fields; `departmentId: null` makes the response global, a missing one leaves
/// its department as it is. The texts may be left out but not null.
struct CannedResponsePatchRequest: Decodable {
    let patch: CannedResponsePatch

    private enum CodingKeys: String, CodingKey {
        case shortcut, title, text, departmentId
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.shortcut, .title, .text] where container.contains(key) {
            if try container.decodeNil(forKey: key) {
                throw DecodingError.valueNotFound(String.self, .init(codingPath: [key], debugDescription: "\(key.stringValue) is null"))
            }
        }
        var patch = CannedResponsePatch(
            shortcut: try container.decodeIfPresent(String.self, forKey: .shortcut),
            title: try container.decodeIfPresent(String.self, forKey: .title),
            text: try container.decodeIfPresent(String.self, forKey: .text)
        )
        if container.contains(.departmentId) {
            patch.departmentID = .some(try container.decodeIfPresent(Int64.self, forKey: .departmentId).map { DepartmentID($0) })
        }
        self.patch = patch
    }
}
