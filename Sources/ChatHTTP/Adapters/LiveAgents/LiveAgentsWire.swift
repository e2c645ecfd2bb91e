import ChatCore
import Foundation
import Hummingbird

/// The Live Agents mediator's wire: RapidPro's webhook bodies in, one envelope out.
enum LiveAgentsWire {
    /// Every answer: `{"status_code": <the HTTP status>, "status": "success" | "error", "msg": "..."}`.
    static func envelope(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var json = "{\"status_code\": \(status.code), \"status\": \"\(status.code < 400 ? "success" : "error")\", \"msg\": "
        JSONStringText.append(message, to: &json)
        json += "}"
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: json))
        )
    }

    static var success: Response { envelope(.ok, "success") }

    /// RapidPro's contact, as its default webhook body carries it.
    struct Contact: Decodable {
        let uuid: String
        let name: String?
        let urn: String?
        let mongoid: String?
    }

    /// `POST /live-agents/registerClient`: RapidPro's default webhook body plus `department`
    /// (its other keys, such as `flow`, are ignored).
    struct RegisterClient: Decodable {
        let contact: Contact
        let department: DepartmentReference
        let results: FlowResults?
        let recentConversation: RecentConversation?

        enum CodingKeys: String, CodingKey {
            case contact, department, results
            case recentConversation = "recent_conversation"
        }
    }

    /// `POST /live-agents/sendMessageToAgent`: the contact's line is the flow result named `clientmessage`.
    struct SendMessageToAgent: Decodable {
        struct Results: Decodable {
            let clientmessage: FlowResults.Value
        }

        let contact: Contact
        let results: Results
    }

    /// A department by name, or by id as a number or a string.
    struct DepartmentReference: Decodable {
        let text: String

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let number = try? value.decode(Int64.self) {
                text = String(number)
            } else {
                text = try value.decode(String.self)
            }
        }
    }

    /// RapidPro's `results`: each a `{value, category, ...}` object (or, from hand-written
    /// bodies, a bare value), passed on as the visitor's form answers in name order.
    struct FlowResults: Decodable {
        struct Value: Decodable {
            let text: String

            init(from decoder: any Decoder) throws {
                if let object = try? decoder.container(keyedBy: Key.self) {
                    text = try object.decode(Scalar.self, forKey: Key("value")).text
                } else {
                    text = try Scalar(from: decoder).text
                }
            }
        }

        let variables: [CustomVariable]

        init(from decoder: any Decoder) throws {
            let object = try decoder.container(keyedBy: Key.self)
            variables = try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                CustomVariable(name: $0.stringValue, value: try object.decode(Value.self, forKey: $0).text)
            }
        }
    }

    /// A string, number, boolean or null, as text.
    struct Scalar: Decodable {
        let text: String

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                text = ""
            } else if let string = try? value.decode(String.self) {
                text = string
            } else if let integer = try? value.decode(Int64.self) {
                text = String(integer)
            } else if let number = try? value.decode(Double.self) {
                text = String(number)
            } else {
                text = try value.decode(Bool.self) ? "true" : "false"
            }
        }
    }

    /// The recent exchanges with the bot: a list of lines, or one text of several lines.
    struct RecentConversation: Decodable {
        let lines: [String]

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let text = try? value.decode(String.self) {
                lines = text.split(whereSeparator: \.isNewline).map(String.init)
            } else {
                lines = try value.decode([String].self)
            }
        }
    }

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
